package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A fixed-CIDR node pool: nodes labelled {@code terway-config=<ConfigMap>} whose eni_conf override
 * gives their default-network pods a dedicated vSwitch, tainted {@code
 * netplane.io/pool=<pool>:NoSchedule} so only the pool's pods (tolerating it) go there.
 */
class OverridePoolE2E extends E2EBase {

  @Test
  void aPoolNodeTakesItsToleratingPodsAndTheirIpsComeFromThePoolsVSwitch() {
    String pool = testId;
    String override = "eni-config-" + testId;
    String missing = "eni-config-" + testId + "-missing";
    // one free IP in the pool's vSwitch; the base vSwitch of the zone has thousands
    String vswPool = vSwitch("pool", ZONE_H, 1);
    kube.configMaps()
        .inNamespace("kube-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(override)
                .withNamespace("kube-system")
                .addToLabels(Fixtures.TEST_LABEL, testId)
                .endMetadata()
                .addToData(
                    "eni_conf",
                    "{\"vswitches\":{\""
                        + ZONE_H
                        + "\":[\""
                        + vswPool
                        + "\"]},\"security_group\":\"sg-pool\"}")
                .build())
        .create();
    createNodes(
        node("pool1", ZONE_H)
            .label("terway-config", override)
            .label("netplane.io/pool", pool)
            .taint("netplane.io/pool", pool, "NoSchedule"),
        // a pool node whose override ConfigMap was never created: Terway cannot configure it
        node("pool2", ZONE_H)
            .label("terway-config", missing)
            .label("netplane.io/pool", pool)
            .taint("netplane.io/pool", pool, "NoSchedule"),
        node("general1", ZONE_H));
    extender.awaitSnapshot(
        "override " + override + " and " + vswPool,
        s ->
            s.overrideConfigs().containsKey(override)
                && s.vSwitches().containsKey(vswPool)
                && s.vSwitches().get(vswPool).availableIps() != null);

    createPod(
        pod("db-0")
            .tolerate("netplane.io/pool", pool, "NoSchedule")
            .nodeSelector("netplane.io/pool", pool));
    createPod(pod("web-0"));

    assertThat(awaitBound("db-0")).as("tolerating pool pod").isEqualTo(nodeName("pool1"));
    assertThat(awaitBound("web-0"))
        .as("pod without the toleration")
        .isEqualTo(nodeName("general1"));
    // db-0's IP comes from the pool's vSwitch, web-0's from the base one
    await("reservations of db-0 and web-0")
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(extender.live().current().reservations())
                    .containsEntry(vswPool, 1L)
                    .containsEntry(Fixtures.BASE_VSWITCHES.get(ZONE_H), 1L));

    // the pool's one IP is promised to db-0: the next pool pod waits, though the zone has IPs
    createPod(
        pod("db-1")
            .tolerate("netplane.io/pool", pool, "NoSchedule")
            .nodeSelector("netplane.io/pool", pool));
    String message = awaitFailedScheduling("db-1", "VSwitchesExhausted", "OverrideConfigMissing");
    assertThat(message)
        .as("FailedScheduling event")
        .contains(
            "1 netplane: VSwitchesExhausted zone="
                + ZONE_H
                + " network=\"eni-config "
                + override
                + "\"")
        .contains("1 netplane: OverrideConfigMissing configMap=kube-system/" + missing)
        .contains("node(s) didn't match Pod's node affinity/selector");
    assertStaysPending(Duration.ofSeconds(3), "db-1");
  }
}
