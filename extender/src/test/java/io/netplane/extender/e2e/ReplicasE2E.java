package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netplane.config.lease.LeaseElection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two extender replicas with {@code --leader-elect} behind a proxy that hands kube-scheduler's
 * calls to each in turn: the standby answers 503, so only the leader's IP holds count, and a burst
 * stays within a vSwitch's free IPs as with one extender ({@link BurstE2E}).
 */
class ReplicasE2E extends E2EBase {
  private static final int FREE_IPS = 10;
  private static final int PODS = 30;

  /** serve's defaults; a lease name of its own, so that no earlier run's holder is waited out. */
  private static final String LEASE =
      "netplane-extender-" + UUID.randomUUID().toString().substring(0, 8);

  private NetplaneExtender standby;
  private RoundRobinProxy proxy;

  @Override
  protected NetplaneExtender serve() {
    NetplaneExtender leader = NetplaneExtender.replica(cluster, cloud, lease("replica-a"));
    await("replica-a leads").atMost(WAIT).until(leader::leading);
    standby = NetplaneExtender.replica(cluster, cloud, lease("replica-b"));
    proxy = RoundRobinProxy.start(cluster.extenderPort(), List.of(leader.port(), standby.port()));
    return leader;
  }

  private static LeaseElection.Settings lease(String identity) {
    return new LeaseElection.Settings(
        LEASE,
        "kube-system",
        identity,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }

  @AfterAll
  void stopReplicas() {
    if (proxy != null) {
      proxy.close();
    }
    if (standby != null) {
      standby.close();
    }
  }

  @Test
  void aBurstOf30PodsAgainst10FreeIpsThroughTwoReplicasBindsOnly10() {
    List<String> nodes =
        createNodes(node("h1", ZONE_H), node("h2", ZONE_H), node("h3", ZONE_H), node("i1", ZONE_I));
    String vswH = vSwitch("h", ZONE_H, FREE_IPS);
    String network = podNetworking("burst", "Default", "Elastic", Map.of("app", "burst"), vswH);
    // the standby is as current as the leader: its refusals are not for want of data
    standby.awaitSnapshot(
        "the nodes and " + network,
        s ->
            s.nodes().keySet().containsAll(nodes)
                && s.podNetworkings().stream()
                    .anyMatch(pn -> pn.name().equals(network) && pn.ready())
                && s.vSwitches().containsKey(vswH)
                && s.vSwitches().get(vswH).availableIps() != null);

    burst("burst", 0, PODS);

    // 10 of 30, and no more while kube-scheduler keeps retrying the other 20 through both replicas
    awaitExactlyBound(FREE_IPS);
    assertThat(zonesOf(boundPods().values())).containsExactly(ZONE_H);
    assertThat(proxy.answered(standby.port(), "/filter", 503))
        .as("filter calls the standby refused")
        .isPositive();
    assertThat(proxy.answered(standby.port(), "/filter", 200))
        .as("filter calls the standby answered")
        .isZero();
    assertThat(proxy.answered(extender.port(), "/filter", 200))
        .as("filter calls the leader answered")
        .isPositive();
    assertThat(standby.live().holds()).as("IP holds of the standby").isZero();
    assertThat(extender.live().current().reservations()).containsEntry(vswH, (long) FREE_IPS);
  }
}
