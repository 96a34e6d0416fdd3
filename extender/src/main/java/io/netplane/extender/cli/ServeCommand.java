package io.netplane.extender.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.cli.DurationConverter;
import io.netplane.config.cli.KubeClients;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.CloudOptions;
import io.netplane.config.lease.LeaseElection;
import io.netplane.config.load.LoadReport;
import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.extender.live.CloudRefresher;
import io.netplane.extender.live.Inventory;
import io.netplane.extender.live.LeaderOnly;
import io.netplane.extender.live.LiveCluster;
import io.netplane.extender.live.LiveMetrics;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.HealthServer;
import io.netplane.extender.server.ServerOptions;
import io.netplane.extender.server.TlsOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the kube-scheduler extender API, from a static snapshot or a live cluster. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve POST /filter, /prioritize and /preempt to kube-scheduler, plus GET /explain, /healthz, /readyz and /metrics. With --leader-elect, of several replicas only the one holding the Lease answers (the others answer 503 and are not ready).")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML file of settings named like these flags without the dashes (e.g. 'tls-cert: /tls/tls.crt'); flags given here win.")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where cluster data comes from: exactly one. */
  static final class Source {
    @Option(
        names = "--state",
        paramLabel = "DIR",
        description = "Static snapshot directory to decide from.")
    Path state;

    @Option(
        names = "--kubeconfig",
        paramLabel = "PATH",
        description = "Watch the cluster of this kubeconfig (live mode).")
    Path kubeconfig;

    @Option(
        names = "--in-cluster",
        description = "Watch the cluster this pod runs in (live mode; also honours KUBECONFIG).")
    boolean inCluster;
  }

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Live mode: the kubeconfig context to use (default: its current context).")
  String context;

  @Option(
      names = "--inventory",
      paramLabel = "DIR",
      description =
          "Live mode: vSwitches and instance types replayed from DescribeVSwitches / DescribeInstanceTypes responses in DIR instead of the cloud.")
  Path inventory;

  @Mixin CloudOptions cloudOptions;

  @Option(
      names = "--cloud-refresh",
      defaultValue = "1m",
      description =
          "Live mode: how often vSwitch free IPs are refreshed. Default: ${DEFAULT-VALUE}.")
  Duration cloudRefresh;

  @Option(
      names = "--cloud-max-staleness",
      defaultValue = "10m",
      description =
          "Live mode: after this long without a refresh, free IPs count as unknown. Default: ${DEFAULT-VALUE}.")
  Duration cloudMaxStaleness;

  @Option(
      names = "--rebuild-interval",
      defaultValue = "50ms",
      description = "Live mode: least time between snapshot rebuilds. Default: ${DEFAULT-VALUE}.")
  Duration rebuildInterval;

  @Option(
      names = "--leader-elect",
      description =
          "Live mode: answer /filter, /prioritize, /preempt and /explain only while this replica holds the Lease, so that replicas behind one Service keep one ledger of IP holds; the others answer 503 and /readyz says not the leader. Default: off (every replica answers).")
  boolean leaderElect;

  @Option(
      names = "--lease-name",
      defaultValue = "netplane-extender",
      description =
          "With --leader-elect: the Lease (coordination.k8s.io/v1) the leader holds. Default: ${DEFAULT-VALUE}.")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE:-kube-system}",
      description =
          "With --leader-elect: namespace of the Lease. Default: POD_NAMESPACE, else kube-system.")
  String leaseNamespace;

  @Option(
      names = "--lease-duration",
      defaultValue = "15s",
      description =
          "With --leader-elect: how long a lease not renewed stays held, so how long a failover may take (whole seconds). Default: ${DEFAULT-VALUE}.")
  Duration leaseDuration;

  @Option(
      names = "--renew-deadline",
      defaultValue = "10s",
      description =
          "With --leader-elect: the leader stops answering once this long has passed since its last renewal; shorter than --lease-duration. The lease is renewed every fifth of it. Default: ${DEFAULT-VALUE}.")
  Duration renewDeadline;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8790",
      paramLabel = "HOST:PORT",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String listen;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "" + ServerOptions.DEFAULT_MAX_BODY_BYTES,
      description = "Larger request bodies get HTTP 400. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes;

  @Mixin PortOptions ports;

  @Option(
      names = "--local-port",
      paramLabel = "PORT",
      description =
          "Also serve GET /explain, /inventory, /healthz, /readyz and /metrics over plain HTTP on 127.0.0.1:PORT, for `kubectl netplane` through a Kubernetes port-forward (which RBAC pods/portforward authorises) when the main port requires client certificates. Never reachable from other hosts. Default: off.")
  Integer localPort;

  @Option(
      names = "--event-loops",
      paramLabel = "N",
      description = "Event loops serving requests. Default: the number of CPUs.")
  Integer eventLoops;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description =
          "Serve HTTPS (TLS 1.3 only) with this certificate (chain), re-read when it changes.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "PEM",
      description =
          "Require client certificates signed by this CA (kube-scheduler's tlsConfig certFile/keyFile).")
  Path tlsClientCa;

  @Option(
      names = "--tls-client-names",
      paramLabel = "NAME",
      split = ",",
      defaultValue = TlsOptions.DEFAULT_CLIENT_NAME,
      description =
          "With --tls-client-ca: accept only client certificates whose subject CN or a DNS subject alternative name is one of these (comma-separated). Default: ${DEFAULT-VALUE}, the identity the Helm chart issues to its kube-scheduler.")
  Set<String> tlsClientNames;

  @Option(
      names = "--tls-reload-interval",
      defaultValue = "10s",
      description =
          "How often certificate files are checked for changes; changed files are applied only once the key matches the certificate. Default: ${DEFAULT-VALUE}.")
  Duration tlsReloadInterval;

  @Mixin SnapshotOptions snapshot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServerCommands.requireValid(spec, problems());
    if (!leaderElect && !given(LEASE_OPTIONS).isEmpty()) {
      LOG.warn(
          "{} have no effect without --leader-elect: every replica answers",
          String.join(", ", given(LEASE_OPTIONS)));
    }
    ServerOptions options = serverOptions();
    List<AutoCloseable> resources = new ArrayList<>();
    ExtenderMetrics metrics = new ExtenderMetrics();
    DeciderSource deciders;
    if (source.state != null) {
      deciders = DeciderSource.fixed(snapshot.load(source.state, spec.commandLine().getErr()));
    } else {
      KubernetesClient client = kubernetes();
      resources.add(client);
      LiveCluster live = live(client, resources);
      LiveMetrics.bind(metrics, live);
      deciders = leaderElect ? leaderOnly(client, live, resources, metrics) : live;
    }

    Vertx vertx = Vertx.vertx();
    ExtenderServer server = new ExtenderServer(vertx, deciders, options, metrics);
    int bound = server.start().await(30, TimeUnit.SECONDS);
    LOG.info(
        "netplane extender listening on {}:{} ({})",
        options.host(),
        bound,
        source.state != null ? "static snapshot " + source.state : "live cluster");
    HealthServer health = null;
    if (ports.healthListen != null) {
      String[] hostPort = PortOptions.hostPort(ports.healthListen);
      health =
          new HealthServer(
              vertx,
              deciders,
              metrics,
              hostPort[0],
              Integer.parseInt(hostPort[1]),
              ports.healthLimits());
      int healthPort = health.start().await(30, TimeUnit.SECONDS);
      LOG.info("health, readiness and metrics over plain HTTP on {}:{}", hostPort[0], healthPort);
    }
    HealthServer healthServer = health;
    HealthServer local = null;
    if (localPort != null) {
      local = HealthServer.local(vertx, deciders, metrics, localPort, ports.healthLimits());
      int localBound = local.start().await(30, TimeUnit.SECONDS);
      LOG.info("explain and inventory over plain HTTP on 127.0.0.1:{}", localBound);
    }
    HealthServer localServer = local;

    ServerCommands.awaitShutdown(
        "requests",
        () -> {
          for (HealthServer side : new HealthServer[] {healthServer, localServer}) {
            if (side != null) {
              side.stop().await(10, TimeUnit.SECONDS);
            }
          }
          server.stop().await(10, TimeUnit.SECONDS);
          vertx.close().await(10, TimeUnit.SECONDS);
        },
        resources);
    return 0;
  }

  /** Every problem with the settings, so that one start shows them all. */
  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    problems.addAll(ports.problems(listen));
    if (localPort != null && (localPort < 0 || localPort > 65535)) {
      problems.add("--local-port must be 0..65535, got " + localPort);
    } else if (localPort != null
        && localPort != 0
        && PortOptions.hostPort(listen) != null
        && PortOptions.hostPort(listen)[1].equals(localPort.toString())) {
      problems.add("--local-port must differ from the port of --listen (" + listen + ")");
    }
    if (maxBodyBytes <= 0) {
      problems.add("--max-body-bytes must be positive, got " + maxBodyBytes);
    }
    if (eventLoops != null && eventLoops <= 0) {
      problems.add("--event-loops must be positive, got " + eventLoops);
    }
    if (rebuildInterval.isNegative() || rebuildInterval.isZero()) {
      problems.add(
          "--rebuild-interval must be positive, got " + DurationConverter.format(rebuildInterval));
    }
    TlsOptions tls = tls();
    if (tls == null && tlsClientCa != null) {
      problems.add("--tls-client-ca needs --tls-cert and --tls-key");
    } else if (tls != null) {
      problems.addAll(tls.errors());
    }
    if (source.state != null) {
      if (inventory != null || cloudOptions.anyGiven()) {
        problems.add(
            "--inventory, --region, --vpc and --cloud-endpoint are for live mode; a --state directory holds its own cloud responses");
      }
      if (context != null) {
        problems.add("--context is for live mode; a --state directory is no cluster");
      }
      if (!given(LEASE_OPTIONS).isEmpty()) {
        problems.add(
            String.join(", ", given(LEASE_OPTIONS))
                + ": leader election is for live mode; a --state snapshot never changes");
      }
      return problems;
    }
    if (leaderElect) {
      problems.addAll(leaseProblems());
    }
    if (source.kubeconfig != null && !Files.isReadable(source.kubeconfig)) {
      problems.add("--kubeconfig " + source.kubeconfig + " is not a readable file");
    }
    if (context != null && source.inCluster) {
      problems.add(
          "--context names a kubeconfig context; --in-cluster uses the pod's own ServiceAccount");
    }
    if ((inventory == null) == !cloudOptions.hasRegion()) {
      problems.add(
          "live mode needs exactly one of --region (query the cloud) or --inventory DIR (replayed responses)");
    }
    if (inventory != null && !Files.isDirectory(inventory)) {
      problems.add("--inventory " + inventory + " is not a directory");
    }
    if (cloudOptions.hasRegion()) {
      problems.addAll(cloudOptions.config().errors());
      try {
        timing();
      } catch (IllegalArgumentException e) {
        problems.add("--cloud-refresh/--cloud-max-staleness: " + e.getMessage());
      }
    }
    return problems;
  }

  private static final List<String> LEASE_OPTIONS =
      List.of(
          "--leader-elect",
          "--lease-name",
          "--lease-namespace",
          "--lease-duration",
          "--renew-deadline");

  /** The options of these given on the command line or in the --config file. */
  private List<String> given(List<String> options) {
    return options.stream()
        .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o))
        .toList();
  }

  private List<String> leaseProblems() {
    List<String> problems = new ArrayList<>();
    // a Lease's name is a DNS subdomain, its namespace a DNS label
    ServerCommands.dnsSubdomain("--lease-name", leaseName, problems);
    ServerCommands.dnsLabel("--lease-namespace", leaseNamespace, problems);
    // the Lease stores whole seconds: PT1.5S would be held for 1 s only
    if (leaseDuration.getSeconds() < 1 || leaseDuration.getNano() != 0) {
      problems.add(
          "--lease-duration must be whole seconds, at least 1s, got "
              + DurationConverter.format(leaseDuration));
    }
    if (renewDeadline.toMillis() < 100 || renewDeadline.compareTo(leaseDuration) >= 0) {
      problems.add(
          "--renew-deadline must be at least 100ms and shorter than --lease-duration ("
              + DurationConverter.format(leaseDuration)
              + "), got "
              + DurationConverter.format(renewDeadline));
    }
    return problems;
  }

  /**
   * This replica's name in the Lease: the pod's (or host's) name plus a random suffix, so that two
   * processes on one host, or a pod restarted under its old name, never pass for each other.
   */
  private static String leaseIdentity() {
    String suffix =
        Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    return LeaseElection.podOrHostName("netplane-extender") + "-" + suffix;
  }

  private LeaderOnly leaderOnly(
      KubernetesClient client,
      LiveCluster live,
      List<AutoCloseable> resources,
      ExtenderMetrics metrics) {
    LeaseElection.Settings lease =
        new LeaseElection.Settings(
            leaseName,
            leaseNamespace,
            leaseIdentity(),
            leaseDuration,
            renewDeadline,
            renewDeadline.dividedBy(5));
    LeaderOnly gate = new LeaderOnly(client, live, lease);
    // closed first: stop deciding and hand the lease over before the informers stop
    resources.add(0, gate);
    LiveMetrics.bind(metrics, gate);
    gate.start();
    LOG.info("leader election on Lease {}/{} as {}", leaseNamespace, leaseName, lease.identity());
    return gate;
  }

  private CloudRefresher.Timing timing() {
    return new CloudRefresher.Timing(
        cloudRefresh, cloudMaxStaleness, Duration.ofSeconds(1), cloudRefresh.multipliedBy(5));
  }

  private TlsOptions tls() {
    return tlsCert == null && tlsKey == null
        ? null
        : new TlsOptions(tlsCert, tlsKey, tlsClientCa, tlsClientNames, tlsReloadInterval);
  }

  private KubernetesClient kubernetes() {
    return KubeClients.build(source.kubeconfig, context);
  }

  private LiveCluster live(KubernetesClient client, List<AutoCloseable> resources) {
    LiveCluster live;
    if (inventory != null) {
      LoadReport replayed = SnapshotLoader.load(inventory, Clock.systemUTC().instant());
      replayed.warnings().forEach(w -> LOG.warn("{}", w));
      ClusterSnapshot cloud = replayed.snapshot();
      live =
          new LiveCluster(
              client,
              Inventory.fixed(cloud.vSwitches(), cloud.instanceTypes()),
              Clock.systemUTC(),
              snapshot.decisionOptions(),
              rebuildInterval);
      LOG.info(
          "{} vSwitches and {} instance types replayed from {}",
          cloud.vSwitches().size(),
          cloud.instanceTypes().size(),
          inventory);
    } else {
      live =
          LiveCluster.withCloud(
              client,
              AlibabaCloudClients.create(cloudOptions.config()).inventory(),
              cloudOptions.vpc(),
              timing(),
              Clock.systemUTC(),
              snapshot.decisionOptions(),
              rebuildInterval);
    }
    resources.add(0, live);
    live.start();
    LOG.info("watching {}", client.getMasterUrl());
    return live;
  }

  private ServerOptions serverOptions() {
    String[] hostPort = PortOptions.hostPort(listen);
    int loops = eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
    return new ServerOptions(
        hostPort[0], Integer.parseInt(hostPort[1]), maxBodyBytes, loops, tls(), ports.limits());
  }
}
