package io.netplane.extender.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.e2e.LocalControlPlane;
import io.netplane.config.lease.LeaseElection;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.PodView;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.config.rules.Purpose;
import io.netplane.extender.live.CloudRefresher;
import io.netplane.extender.live.Inventory;
import io.netplane.extender.live.LeaderOnly;
import io.netplane.extender.live.LiveCluster;
import io.netplane.extender.live.LiveMetrics;
import io.netplane.extender.server.Decided;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.netplane.extender.wire.ServedSnapshot;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The netplane extender in live mode, in the test JVM: informers on the local control plane through
 * their own client, the cloud inventory from {@link FakeAlibabaCloud} through the real SDKs, HTTP
 * on the port kube-scheduler is configured to call (or, as one of several replicas, on a port of
 * its own).
 */
final class NetplaneExtender implements AutoCloseable {
  static final String VPC = "vpc-e2e";

  /** Short, so tests that change free IPs in the fake cloud see it quickly. */
  static final Duration CLOUD_REFRESH = Duration.ofMillis(300);

  private final KubernetesClient client;
  private final LiveCluster live;

  /** What requests are decided by: the live cluster, or with leader election its gate. */
  private final DeciderSource source;

  private final LeaderOnly gate;
  private final Vertx vertx;

  /** Zero until a replica's first start picks a free port; it keeps that one across restarts. */
  private int port;

  private final ExtenderMetrics metrics = new ExtenderMetrics();
  private ExtenderServer server;

  /** Filter passes (pods fitting a node) left before the server answers like a dead one. */
  private final AtomicInteger passesLeft = new AtomicInteger(Integer.MAX_VALUE);

  private NetplaneExtender(
      KubernetesClient client, LiveCluster live, LeaseElection.Settings lease, int port) {
    this.client = client;
    this.live = live;
    this.gate = lease == null ? null : new LeaderOnly(client, live, lease);
    this.source = gate == null ? live : gate;
    this.port = port;
    this.vertx = Vertx.vertx();
  }

  /**
   * Live mode against the fake cloud, as {@code serve --kubeconfig ... --region ...
   * --cloud-endpoint}.
   */
  static NetplaneExtender withCloud(LocalControlPlane.Cluster cluster, FakeAlibabaCloud cloud) {
    return withCloud(cluster, cloud, CLOUD_REFRESH, true);
  }

  /**
   * Live mode against the fake cloud, refreshed every {@code cloudRefresh} (data up to 5 minutes or
   * one interval old is served as known). Unknown capacity is allowed, so with {@code awaitCloud}
   * false this returns once the extender is ready, cloud data or not (a replica started during a
   * cloud outage).
   */
  static NetplaneExtender withCloud(
      LocalControlPlane.Cluster cluster,
      FakeAlibabaCloud cloud,
      Duration cloudRefresh,
      boolean awaitCloud) {
    KubernetesClient client = cluster.newClient();
    return start(
        client,
        liveWithCloud(client, cloud, cloudRefresh),
        null,
        cluster.extenderPort(),
        awaitCloud);
  }

  /**
   * One of several replicas, on a free port of its own: as {@code withCloud}, and with a lease also
   * as {@code serve --leader-elect} (null: every replica answers).
   */
  static NetplaneExtender replica(
      LocalControlPlane.Cluster cluster, FakeAlibabaCloud cloud, LeaseElection.Settings lease) {
    KubernetesClient client = cluster.newClient();
    return start(client, liveWithCloud(client, cloud, CLOUD_REFRESH), lease, 0, true);
  }

  private static LiveCluster liveWithCloud(
      KubernetesClient client, FakeAlibabaCloud cloud, Duration cloudRefresh) {
    Duration maxStaleness =
        cloudRefresh.compareTo(Duration.ofMinutes(5)) > 0 ? cloudRefresh : Duration.ofMinutes(5);
    return LiveCluster.withCloud(
        client,
        AlibabaCloudClients.create(cloud.cloudConfig()).inventory(),
        VPC,
        new CloudRefresher.Timing(
            cloudRefresh, maxStaleness, Duration.ofMillis(200), Duration.ofSeconds(2)),
        Clock.systemUTC(),
        DecisionOptions.DEFAULT,
        Duration.ofMillis(20));
  }

  /**
   * Live mode over a fixed inventory, as {@code serve --kubeconfig ... --inventory DIR
   * --rebuild-interval R} (serve's default R is 50 ms).
   */
  static NetplaneExtender withInventory(
      LocalControlPlane.Cluster cluster, Inventory inventory, Duration rebuildInterval) {
    KubernetesClient client = cluster.newClient();
    LiveCluster live =
        new LiveCluster(
            client, inventory, Clock.systemUTC(), DecisionOptions.DEFAULT, rebuildInterval);
    return start(client, live, null, cluster.extenderPort(), true);
  }

  private static NetplaneExtender start(
      KubernetesClient client,
      LiveCluster live,
      LeaseElection.Settings lease,
      int port,
      boolean awaitCloud) {
    NetplaneExtender e = new NetplaneExtender(client, live, lease, port);
    try {
      LiveMetrics.bind(e.metrics, live);
      live.start();
      if (e.gate != null) {
        LiveMetrics.bind(e.metrics, e.gate);
        e.gate.start();
      }
      await("extender ready (informers synced" + (awaitCloud ? ", cloud inventory loaded)" : ")"))
          .atMost(Duration.ofSeconds(60))
          .until(() -> live.ready() && (live.servesInventory() || !awaitCloud));
      e.startServer();
      return e;
    } catch (RuntimeException ex) {
      e.close();
      throw ex;
    }
  }

  /** Starts serving kube-scheduler (again). */
  void startServer() {
    if (server != null) {
      return;
    }
    ExtenderServer s =
        new ExtenderServer(
            vertx,
            observed(),
            new ServerOptions(
                "127.0.0.1",
                port,
                ServerOptions.DEFAULT_MAX_BODY_BYTES,
                Runtime.getRuntime().availableProcessors()),
            metrics);
    try {
      port = s.start().await(30, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("extender cannot listen on 127.0.0.1:" + port, ex);
    }
    server = s;
  }

  /**
   * What requests are decided by, as the server sees it, until {@link #dieAfterFilterPasses} ends
   * it.
   */
  private DeciderSource observed() {
    return new DeciderSource() {
      @Override
      public ServedSnapshot served() {
        return source.served();
      }

      @Override
      public boolean ready() {
        return unavailable() == null;
      }

      @Override
      public String unavailable() {
        return dead() ? "not ready: the test ended this replica" : source.unavailable();
      }

      @Override
      public Decided decide(PodView pod, Collection<String> nodes, Purpose purpose) {
        return source.decide(pod, nodes, purpose);
      }

      @Override
      public Decided filter(PodView pod, Collection<String> nodes) {
        Decided d = source.filter(pod, nodes);
        if (!d.decision().claims().isEmpty()) {
          passesLeft.decrementAndGet();
        }
        return d;
      }
    };
  }

  /**
   * After {@code passes} more filter passes every request fails (HTTP 503), as kube-scheduler sees
   * a crashed extender: an error, the pod retried after a backoff. kube-scheduler filters one pod
   * at a time, so no pass comes after the last one allowed, which closing the server could not
   * ensure.
   */
  void dieAfterFilterPasses(int passes) {
    passesLeft.set(passes);
  }

  /** {@link #dieAfterFilterPasses} was reached. */
  boolean dead() {
    return passesLeft.get() <= 0;
  }

  /** Stops serving: kube-scheduler's calls get "connection refused". The informers keep running. */
  void stopServer() {
    if (server == null) {
      return;
    }
    try {
      server.stop().await(30, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("extender did not stop", ex);
    }
    server = null;
  }

  LiveCluster live() {
    return live;
  }

  /** With a lease: whether this replica leads and answers. */
  boolean leading() {
    return gate != null && gate.leading();
  }

  int port() {
    return port;
  }

  /**
   * Request latency per verb and the live cluster's gauges (with a lease also the leader gauge),
   * kept across server restarts.
   */
  ExtenderMetrics metrics() {
    return metrics;
  }

  ClusterSnapshot snapshot() {
    return live.current().snapshot();
  }

  /** Waits until the snapshot the extender serves satisfies the condition. */
  void awaitSnapshot(String what, Predicate<ClusterSnapshot> condition) {
    await("extender sees " + what)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> live.current() != null && condition.test(live.current().snapshot()));
  }

  @Override
  public void close() {
    try {
      stopServer();
    } finally {
      if (gate != null) {
        gate.close();
      }
      live.close();
      client.close();
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("Vert.x did not close in 30 s", e);
      }
    }
  }
}
