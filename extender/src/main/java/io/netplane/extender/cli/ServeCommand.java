package io.netplane.extender.cli;

import io.netplane.config.rules.Decider;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the kube-scheduler extender API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve POST /filter and /prioritize to kube-scheduler, plus /explain, /healthz and /readyz.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--state", required = true, paramLabel = "DIR", description = "Static snapshot directory to decide from.")
  Path state;

  @Option(names = "--listen", defaultValue = "127.0.0.1:8790", paramLabel = "HOST:PORT", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String listen;

  @Option(names = "--max-body-bytes", defaultValue = "" + ServerOptions.DEFAULT_MAX_BODY_BYTES, description = "Larger request bodies get HTTP 400. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes;

  @Option(names = "--event-loops", paramLabel = "N", description = "Event loops serving requests. Default: the number of CPUs.")
  Integer eventLoops;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new ParameterException(spec.commandLine(), "--listen must be HOST:PORT, got '" + listen + "'");
    }
    if (colon <= 0) {
      throw new ParameterException(spec.commandLine(), "--listen must be HOST:PORT, got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    int loops = eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
    ServerOptions options = new ServerOptions(host, port, maxBodyBytes, loops);
    Decider decider = snapshot.load(state, spec.commandLine().getErr());

    Vertx vertx = Vertx.vertx();
    ExtenderServer server = new ExtenderServer(vertx, DeciderSource.fixed(decider), options);
    int bound = server.start().await(30, TimeUnit.SECONDS);
    LOG.info("netplane extender serving {} nodes on {}:{}", decider.snapshot().nodes().size(), host, bound);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down: draining in-flight requests");
                  server.stop().compose(v -> vertx.close()).onComplete(ar -> stopped.countDown());
                  try {
                    stopped.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    stopped.await();
    return 0;
  }
}
