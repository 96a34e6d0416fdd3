package io.netplane.extender.cli;

import io.netplane.extender.server.ServerOptions;
import io.netplane.extender.server.TlsOptions;
import io.netplane.extender.webhook.SchedulerAssignment;
import io.netplane.extender.webhook.WebhookServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The mutating admission webhook that opts pods into the netplane scheduler by namespace: which
 * pods reach it is the MutatingWebhookConfiguration's business (the chart's selects namespaces
 * labelled {@code netplane.io/scheduling=enabled}); it sets {@code spec.schedulerName} on those
 * left to the default scheduler.
 */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description =
        "Serve a mutating admission webhook on POST /mutate (HTTPS, admission.k8s.io/v1): pods created with no schedulerName or with default-scheduler get --scheduler-name; pods naming another scheduler are left alone. Every review is answered allowed; a body that is no AdmissionReview gets HTTP 400. GET /healthz, /readyz and /metrics on --health-listen.")
final class WebhookCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookCommand.class);

  /** An AdmissionReview of a CREATE carries the pod once; etcd stores at most 1.5 MiB of it. */
  static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

  @Option(
      names = "--scheduler-name",
      defaultValue = "netplane-scheduler",
      paramLabel = "NAME",
      description =
          "schedulerName given to pods left to the default scheduler. Default: ${DEFAULT-VALUE}.")
  String schedulerName;

  @Option(
      names = "--listen",
      defaultValue = "0.0.0.0:9443",
      paramLabel = "HOST:PORT",
      description = "HTTPS address of /mutate. Default: ${DEFAULT-VALUE}.")
  String listen;

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "PEM",
      description =
          "Serving certificate (chain) of /mutate, TLS 1.3 only; re-read when it changes. Required: the API server calls webhooks over HTTPS only.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "PEM",
      description = "Private key of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--tls-reload-interval",
      defaultValue = "10s",
      description =
          "How often the certificate files are checked for changes; changed files are applied only once the key matches the certificate. Default: ${DEFAULT-VALUE}.")
  Duration tlsReloadInterval;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "" + DEFAULT_MAX_BODY_BYTES,
      description = "Larger request bodies get HTTP 400. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes;

  @Mixin PortOptions ports;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServerCommands.requireValid(spec, problems());
    Vertx vertx = Vertx.vertx();
    WebhookServer webhook =
        new WebhookServer(vertx, schedulerName, serverOptions(), healthOptions());
    webhook.start().await(30, TimeUnit.SECONDS);
    LOG.info(
        "admission webhook on https://{}/mutate assigning schedulerName {}; health on {}",
        listen,
        schedulerName,
        ports.healthListen == null ? "no port" : "http://" + ports.healthListen);
    ServerCommands.awaitShutdown(
        "reviews",
        () -> {
          webhook.stop().await(10, TimeUnit.SECONDS);
          vertx.close().await(10, TimeUnit.SECONDS);
        },
        List.of());
    return 0;
  }

  /** Every problem with the settings, so that one start shows them all. */
  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (ServerCommands.dnsSubdomain("--scheduler-name", schedulerName, problems)
        && schedulerName.equals(SchedulerAssignment.DEFAULT_SCHEDULER)) {
      problems.add("--scheduler-name must not be " + SchedulerAssignment.DEFAULT_SCHEDULER);
    }
    problems.addAll(ports.problems(listen));
    if (maxBodyBytes <= 0) {
      problems.add("--max-body-bytes must be positive, got " + maxBodyBytes);
    }
    problems.addAll(tls().errors());
    return problems;
  }

  private TlsOptions tls() {
    return new TlsOptions(tlsCert, tlsKey, null, Set.of(), tlsReloadInterval);
  }

  private ServerOptions serverOptions() {
    String[] hostPort = PortOptions.hostPort(listen);
    return new ServerOptions(
        hostPort[0],
        Integer.parseInt(hostPort[1]),
        maxBodyBytes,
        Runtime.getRuntime().availableProcessors(),
        tls(),
        ports.limits());
  }

  /** The health port answers GETs only: a body of one byte is enough. */
  private ServerOptions healthOptions() {
    if (ports.healthListen == null) {
      return null;
    }
    String[] hostPort = PortOptions.hostPort(ports.healthListen);
    return new ServerOptions(
        hostPort[0], Integer.parseInt(hostPort[1]), 1, 1, null, ports.healthLimits());
  }
}
