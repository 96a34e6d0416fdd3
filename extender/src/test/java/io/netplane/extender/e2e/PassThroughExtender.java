package io.netplane.extender.e2e;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.extender.wire.ExtenderArgs;
import io.netplane.extender.wire.RequestDecoder;
import io.netplane.extender.wire.ServedSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest possible extender, for the throughput benchmark's middle column: the same Vert.x
 * stack and the same request parsing as netplane ({@link RequestDecoder#filterArgs}, without its
 * limit on names), then every node passes and scores 0. What it costs is what any HTTP extender
 * costs kube-scheduler; what netplane costs beyond it is its own decisions.
 */
final class PassThroughExtender implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  /** Knows no node: every name is read as netplane reads one it does not know. */
  private final ServedSnapshot noNodes = ServedSnapshot.of(Fixtures.snapshot().decider());

  PassThroughExtender(int port) {
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64L * 1024 * 1024);
    router
        .post("/filter")
        .handler(body)
        .handler(
            ctx -> {
              ExtenderArgs args =
                  RequestDecoder.filterArgs(
                      ctx.body().buffer().getBytes(), noNodes, Integer.MAX_VALUE);
              StringBuilder sb =
                  new StringBuilder(32 + 24 * args.nodeNames().size())
                      .append("{\"Nodes\":null,\"NodeNames\":[");
              for (int i = 0; i < args.nodeNames().size(); i++) {
                sb.append(i == 0 ? "\"" : ",\"").append(args.nodeNames().get(i)).append('"');
              }
              sb.append("],\"FailedNodes\":{},\"FailedAndUnresolvableNodes\":{},\"Error\":\"\"}");
              ctx.response().putHeader("Content-Type", "application/json").end(sb.toString());
            });
    router
        .post("/prioritize")
        .handler(body)
        .handler(
            ctx -> {
              ExtenderArgs args =
                  RequestDecoder.filterArgs(
                      ctx.body().buffer().getBytes(), noNodes, Integer.MAX_VALUE);
              StringBuilder sb = new StringBuilder(2 + 32 * args.nodeNames().size()).append('[');
              for (int i = 0; i < args.nodeNames().size(); i++) {
                sb.append(i == 0 ? "" : ",")
                    .append("{\"Host\":\"")
                    .append(args.nodeNames().get(i))
                    .append("\",\"Score\":0}");
              }
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .end(sb.append(']').toString());
            });
    try {
      server =
          vertx
              .createHttpServer(new HttpServerOptions().setCompressionSupported(false))
              .requestHandler(router)
              .listen(port, "127.0.0.1")
              .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("pass-through extender cannot listen on " + port, e);
    }
  }

  @Override
  public void close() throws Exception {
    server.close().await(30, TimeUnit.SECONDS);
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
