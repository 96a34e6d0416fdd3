package io.netplane.extender.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveExtenderTest {
  private static final ActiveExtender.Settings DEFAULTS = new ActiveExtender.Settings(8790, null);

  private final Map<String, Lease> leases = new HashMap<>();
  private final List<String> leasesRead = new ArrayList<>();

  private Lease read(String ns, String name) {
    leasesRead.add(ns + "/" + name);
    return leases.get(ns + "/" + name);
  }

  private void lease(String nsName, String holder) {
    leases.put(
        nsName,
        new LeaseBuilder()
            .withNewMetadata()
            .withName(nsName.substring(nsName.indexOf('/') + 1))
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(holder)
            .endSpec()
            .build());
  }

  /** A kube-scheduler pod of the chart with the extender as its native sidecar. */
  static Pod schedulerPod(String name, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("netplane")
        .addNewOwnerReference()
        .withKind("ReplicaSet")
        .withName("netplane-scheduler-5d9")
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-" + name)
        .addToInitContainers(
            new ContainerBuilder()
                .withName("extender")
                .withArgs("serve", "--config=/etc/netplane/config/extender.yaml")
                .build())
        .addToContainers(new ContainerBuilder().withName("kube-scheduler").build())
        .endSpec()
        .withNewStatus()
        .addToInitContainerStatuses(
            new ContainerStatusBuilder()
                .withName("extender")
                .withReady(ready)
                .withRestartCount(2)
                .build())
        .endStatus()
        .build();
  }

  private static Pod daemonSetPod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("netplane")
        .addNewOwnerReference()
        .withKind("DaemonSet")
        .withName("netplane-extender")
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .withHostNetwork(true)
        .addToContainers(new ContainerBuilder().withName("extender").withArgs("serve").build())
        .endSpec()
        .build();
  }

  private static Pod servicePod(String name, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("serve", "--leader-elect", "--lease-name=np-ext"));
    args.addAll(List.of(extraArgs));
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("netplane")
        .addNewOwnerReference()
        .withKind("ReplicaSet")
        .withName("netplane-extender-7f")
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .addToContainers(new ContainerBuilder().withName("extender").withArgs(args).build())
        .endSpec()
        .build();
  }

  @Test
  void sidecarLayoutPicksThePodHoldingTheSchedulersLease() {
    lease("netplane/netplane-scheduler", "netplane-scheduler-b_8c1e0d6a-1f0c-4c2e");
    List<Pod> pods =
        List.of(
            schedulerPod("netplane-scheduler-a", true), schedulerPod("netplane-scheduler-b", true));

    ActiveExtender.Target t = ActiveExtender.choose(pods, DEFAULTS, this::read);

    assertThat(t.name()).isEqualTo("netplane-scheduler-b");
    assertThat(t.layout()).isEqualTo(ActiveExtender.Layout.SIDECAR);
    assertThat(t.port()).isEqualTo(8790);
    assertThat(t.why()).isEqualTo("holds Lease netplane/netplane-scheduler");
    assertThat(leasesRead).containsExactly("netplane/netplane-scheduler");
  }

  @Test
  void aPodWhoseNameOnlyStartsLikeTheHoldersIsNotTheLeader() {
    // holder "netplane-scheduler-ab_..." must not match pod "netplane-scheduler-a"
    lease("netplane/netplane-scheduler", "netplane-scheduler-ab_uuid");
    List<Pod> pods =
        List.of(
            schedulerPod("netplane-scheduler-a", true),
            schedulerPod("netplane-scheduler-ab", false));

    assertThat(ActiveExtender.choose(pods, DEFAULTS, this::read).name())
        .isEqualTo("netplane-scheduler-ab");
  }

  @Test
  void daemonSetLayoutPicksThePodOnTheHostOfTheClustersLeadingScheduler() {
    lease("kube-system/kube-scheduler", "master-2_0f4b2c9e-uuid");
    List<Pod> pods =
        List.of(
            daemonSetPod("netplane-extender-x1", "master-1.cluster.local"),
            daemonSetPod("netplane-extender-x2", "master-2.cluster.local"),
            daemonSetPod("netplane-extender-x3", "master-3.cluster.local"));

    ActiveExtender.Target t = ActiveExtender.choose(pods, DEFAULTS, this::read);

    assertThat(t.name()).isEqualTo("netplane-extender-x2");
    assertThat(t.layout()).isEqualTo(ActiveExtender.Layout.DAEMONSET);
    assertThat(t.lease()).isEqualTo("kube-system/kube-scheduler");
  }

  @Test
  void serviceLayoutReadsTheExtendersOwnLeaseAndUsesItsLocalPort() {
    lease("netplane/np-ext", "netplane-extender-7f-q2x-k3j9a");
    List<Pod> pods =
        List.of(
            servicePod("netplane-extender-7f-p1a", "--local-port=8792"),
            servicePod("netplane-extender-7f-q2x", "--local-port", "8792"));

    ActiveExtender.Target t = ActiveExtender.choose(pods, DEFAULTS, this::read);

    assertThat(t.name()).isEqualTo("netplane-extender-7f-q2x");
    assertThat(t.layout()).isEqualTo(ActiveExtender.Layout.SERVICE);
    assertThat(t.port()).isEqualTo(8792);
  }

  @Test
  void serviceLayoutWithoutALocalPortSaysSoInsteadOfTalkingPlainHttpToTheTlsPort() {
    lease("netplane/np-ext", "netplane-extender-7f-p1a-k3j9a");

    assertThatThrownBy(
            () ->
                ActiveExtender.choose(
                    List.of(servicePod("netplane-extender-7f-p1a")), DEFAULTS, this::read))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no --local-port")
        .hasMessageContaining("--extender-url");
  }

  @Test
  void theLeaseOfTheSettingsWins() {
    lease("other/lock", "netplane-scheduler-a_uuid");
    lease("netplane/netplane-scheduler", "netplane-scheduler-b_uuid");
    List<Pod> pods =
        List.of(
            schedulerPod("netplane-scheduler-a", true), schedulerPod("netplane-scheduler-b", true));

    assertThat(
            ActiveExtender.choose(
                pods, new ActiveExtender.Settings(9000, "other/lock"), this::read))
        .satisfies(t -> assertThat(t.name()).isEqualTo("netplane-scheduler-a"))
        .satisfies(t -> assertThat(t.port()).isEqualTo(9000));
  }

  @Test
  void withoutALeaseTheOnlyReadyExtenderIsTheActiveOne() {
    List<Pod> pods =
        List.of(
            schedulerPod("netplane-scheduler-a", false),
            schedulerPod("netplane-scheduler-b", true));

    ActiveExtender.Target t = ActiveExtender.choose(pods, DEFAULTS, this::read);

    assertThat(t.name()).isEqualTo("netplane-scheduler-b");
    assertThat(t.why()).contains("the only ready extender").contains("not found");
  }

  @Test
  void withoutALeaseTwoReadyExtendersCannotBeToldApart() {
    List<Pod> pods =
        List.of(
            schedulerPod("netplane-scheduler-a", true), schedulerPod("netplane-scheduler-b", true));

    assertThatThrownBy(() -> ActiveExtender.choose(pods, DEFAULTS, this::read))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Lease netplane/netplane-scheduler not found")
        .hasMessageContaining("cannot tell the active one");
  }

  @Test
  void aLeaseHeldByNoneOfThePodsIsReportedNotGuessed() {
    // e.g. the old leader's pod is gone and the Lease not yet taken over
    lease("netplane/netplane-scheduler", "netplane-scheduler-gone_uuid");
    List<Pod> pods = List.of(schedulerPod("netplane-scheduler-a", true));

    assertThatThrownBy(() -> ActiveExtender.choose(pods, DEFAULTS, this::read))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("held by 'netplane-scheduler-gone_uuid'")
        .hasMessageContaining("[netplane-scheduler-a]");
  }

  @Test
  void podsWithoutAnExtenderContainerAreNoCandidates() {
    Pod agent =
        new PodBuilder()
            .withNewMetadata()
            .withName("netplane-nodepool-agent-1")
            .withNamespace("netplane")
            .endMetadata()
            .withNewSpec()
            .addToContainers(new ContainerBuilder().withName("agent").build())
            .endSpec()
            .build();

    assertThatThrownBy(() -> ActiveExtender.choose(List.of(agent), DEFAULTS, this::read))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no netplane extender pod found");
    assertThat(ActiveExtender.ready(schedulerPod("s", true))).isTrue();
    assertThat(ActiveExtender.restarts(schedulerPod("s", true))).isEqualTo(2);
  }
}
