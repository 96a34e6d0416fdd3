package io.netplane.extender.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netplane.config.cloud.AlibabaCloudClients;
import io.netplane.config.cloud.fake.FakeAlibabaCloud;
import io.netplane.config.e2e.LocalControlPlane;
import io.netplane.config.lease.LeaseElection;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.rules.DecisionOptions;
import io.netplane.extender.live.CloudRefresher;
import io.netplane.extender.live.Inventory;
import io.netplane.extender.live.LeaderOnly;
import io.netplane.extender.live.LiveCluster;
import io.netplane.extender.server.DeciderSource;
import io.netplane.extender.server.ExtenderMetrics;
import io.netplane.extender.server.ExtenderServer;
import io.netplane.extender.server.ServerOptions;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The netplane extender in live mode, in the test JVM: informers on the local control plane
 * through their own client, the cloud inventory from {@link FakeAlibabaCloud} through the real
 * SDKs, HTTP on the port kube-scheduler is configured to call (or, as one of several replicas, on
 * a port of its own).
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

  private NetplaneExtender(KubernetesClient client, LiveCluster live, LeaseElection.Settings lease, int port) {
    this.client = client;
    this.live = live;
    this.gate = lease == null ? null : new LeaderOnly(client, live, lease);
    this.source = gate == null ? live : gate;
    this.port = port;
    this.vertx = Vertx.vertx();
  }

  /** Live mode against the fake cloud, as {@code serve --kubeconfig ... --region ... --cloud-endpoint}. */
  static NetplaneExtender withCloud(LocalControlPlane.Cluster cluster, FakeAlibabaCloud cloud) {
    KubernetesClient client = cluster.newClient();
    return start(client, liveWithCloud(client, cloud), null, cluster.extenderPort());
  }

  /**
   * One of several replicas, on a free port of its own: as {@code withCloud}, and with a lease
   * also as {@code serve --leader-elect} (null: every replica answers).
   */
  static NetplaneExtender replica(LocalControlPlane.Cluster cluster, FakeAlibabaCloud cloud, LeaseElection.Settings lease) {
    KubernetesClient client = cluster.newClient();
    return start(client, liveWithCloud(client, cloud), lease, 0);
  }

  private static LiveCluster liveWithCloud(KubernetesClient client, FakeAlibabaCloud cloud) {
    return LiveCluster.withCloud(
        client,
        AlibabaCloudClients.create(cloud.cloudConfig()).inventory(),
        VPC,
        new CloudRefresher.Timing(CLOUD_REFRESH, Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(2)),
        Clock.systemUTC(),
        DecisionOptions.DEFAULT,
        Duration.ofMillis(20));
  }

  /**
   * Live mode over a fixed inventory, as {@code serve --kubeconfig ... --inventory DIR
   * --rebuild-interval R} (serve's default R is 50 ms).
   */
  static NetplaneExtender withInventory(LocalControlPlane.Cluster cluster, Inventory inventory, Duration rebuildInterval) {
    KubernetesClient client = cluster.newClient();
    LiveCluster live = new LiveCluster(client, inventory, Clock.systemUTC(), DecisionOptions.DEFAULT, rebuildInterval);
    return start(client, live, null, cluster.extenderPort());
  }

  private static NetplaneExtender start(KubernetesClient client, LiveCluster live, LeaseElection.Settings lease, int port) {
    NetplaneExtender e = new NetplaneExtender(client, live, lease, port);
    try {
      live.start();
      if (e.gate != null) {
        e.gate.start();
      }
      await("extender ready (informers synced, cloud inventory loaded)").atMost(Duration.ofSeconds(60))
          .until(() -> live.ready() && live.servesInventory());
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
    ExtenderServer s = new ExtenderServer(vertx, source,
        new ServerOptions("127.0.0.1", port, ServerOptions.DEFAULT_MAX_BODY_BYTES, Runtime.getRuntime().availableProcessors()),
        metrics);
    try {
      port = s.start().await(30, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("extender cannot listen on 127.0.0.1:" + port, ex);
    }
    server = s;
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

  /** Request latency per verb, kept across server restarts. */
  ExtenderMetrics metrics() {
    return metrics;
  }

  ClusterSnapshot snapshot() {
    return live.current().snapshot();
  }

  /** Waits until the snapshot the extender serves satisfies the condition. */
  void awaitSnapshot(String what, Predicate<ClusterSnapshot> condition) {
    await("extender sees " + what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
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
