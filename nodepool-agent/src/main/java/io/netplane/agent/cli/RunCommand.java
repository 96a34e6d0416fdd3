package io.netplane.agent.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.agent.apply.Backoff;
import io.netplane.agent.apply.Cloud;
import io.netplane.agent.apply.PoolApplier;
import io.netplane.agent.run.Controller;
import io.netplane.config.lease.LeaseElection;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The controller: keeps every FixedCidrPool of the cluster applied. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Keep every FixedCidrPool of the cluster applied: reconcile on start, on spec changes, on drift (a node of a pool losing a label or the taint, the override ConfigMap edited or deleted) and on nodes joining a pool; write each pool's status and Events. A deleted pool object has what it set removed first (finalizer netplane.io/cleanup). One replica reconciles at a time (leader election on a Lease; no write once the lease may have passed on). Runs until SIGTERM.")
final class RunCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--in-cluster",
      description = "Use the cluster this pod runs in (the same as giving no --kubeconfig).")
  boolean inCluster;

  @Option(
      names = "--lease-name",
      defaultValue = "netplane-nodepool-agent",
      description =
          "Lease (coordination.k8s.io/v1) held by the replica that reconciles. Default: ${DEFAULT-VALUE}.")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE:-kube-system}",
      description = "Namespace of the Lease. Default: POD_NAMESPACE, else kube-system.")
  String leaseNamespace;

  @Option(
      names = "--lease-duration",
      defaultValue = "15s",
      description = "How long a lease not renewed stays held. Default: ${DEFAULT-VALUE}.")
  Duration leaseDuration;

  @Option(
      names = "--renew-deadline",
      defaultValue = "10s",
      description =
          "The leader gives up when it could not renew for this long, and sends no write once this long has passed since its last renewal. Default: ${DEFAULT-VALUE}.")
  Duration renewDeadline;

  @Option(
      names = "--retry-period",
      defaultValue = "2s",
      description = "How often the lease is renewed or tried. Default: ${DEFAULT-VALUE}.")
  Duration retryPeriod;

  @Option(
      names = "--resync",
      defaultValue = "5m",
      description =
          "Every pool is reconciled this often even without events (catches cloud-side drift). Default: ${DEFAULT-VALUE}.")
  Duration resync;

  @Option(
      names = "--health-listen",
      defaultValue = "0.0.0.0:8081",
      paramLabel = "HOST:PORT",
      description = "Address of /healthz, /readyz and /metrics. Default: ${DEFAULT-VALUE}.")
  String healthListen;

  @Spec CommandSpec spec;
  private final Connections connections;

  RunCommand(Connections connections) {
    this.connections = connections;
  }

  @Override
  public Integer call() throws InterruptedException {
    Controller.Settings settings = settings();
    Cloud cloud = cluster.cloud(connections);
    CountDownLatch stopped = new CountDownLatch(1);
    try (KubernetesClient client = cluster.kubernetes(connections);
        PoolApplier applier = cluster.applier(client, cloud)) {
      Controller controller = new Controller(client, applier, settings, Clock.systemUTC());
      // SIGTERM: stop reconciling and release the lease before the JVM exits
      Thread hook =
          new Thread(
              () -> {
                controller.close();
                stopped.countDown();
              },
              "netplane-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      controller.start();
      stopped.await();
    }
    return 0;
  }

  Controller.Settings settings() {
    if (inCluster && (cluster.kubeconfig != null || cluster.context != null)) {
      throw new ParameterException(
          spec.commandLine(), "--in-cluster excludes --kubeconfig and --context");
    }
    if (!renewDeadline.minus(leaseDuration).isNegative()
        || !retryPeriod.minus(renewDeadline).isNegative()) {
      throw new ParameterException(
          spec.commandLine(), "need --retry-period < --renew-deadline < --lease-duration");
    }
    if (resync.isZero() || resync.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--resync must be positive");
    }
    return new Controller.Settings(
        leaseName,
        leaseNamespace,
        LeaseElection.podOrHostName("netplane-nodepool-agent"),
        leaseDuration,
        renewDeadline,
        retryPeriod,
        resync,
        requeue(),
        address(healthListen));
  }

  /** A failed pool is retried after 1 s, doubling up to 5 minutes. */
  private static Backoff requeue() {
    return new Backoff(
        Duration.ofSeconds(1), Duration.ofMinutes(5), Integer.MAX_VALUE, Backoff.REAL);
  }

  private InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try {
      if (colon > 0) {
        return new InetSocketAddress(
            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ParameterException(
        spec.commandLine(), "--health-listen " + hostPort + ": expected HOST:PORT");
  }
}
