package io.netplane.extender.server;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.rules.Decider;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve} over a generated 1000-node snapshot with the default body limit, for a test that
 * runs it in a JVM of its own with a small heap. Prints {@code port=N}, then serves until killed.
 */
public final class SmallHeapServer {
  static final int NODES = 1000;

  private SmallHeapServer() {}

  public static void main(String[] args) throws Exception {
    Decider decider = Fixtures.decider(Fixtures.largeCluster(NODES, 50, 60, 4000, 42));
    ExtenderServer server =
        new ExtenderServer(
            Vertx.vertx(),
            DeciderSource.fixed(decider),
            new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_MAX_BODY_BYTES, 2));
    System.out.println("port=" + server.start().await(60, TimeUnit.SECONDS));
    System.out.flush();
  }
}
