package io.netplane.extender.e2e;

import static io.netplane.extender.e2e.Fixtures.ZONE_H;
import static io.netplane.extender.e2e.Fixtures.ZONE_I;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kube-scheduler cannot reach the extender. Not ignorable (netplane's recommended setting): pods
 * wait, with an event naming the extender, and schedule correctly once it is back. Ignorable: pods
 * schedule without netplane's rules.
 */
class ExtenderUnreachableE2E extends E2EBase {

  @AfterEach
  void restore() {
    extender.startServer();
    if (!cluster.schedulerRestored()) {
      cluster.restoreScheduler();
    }
  }

  @Test
  void notIgnorablePodsWaitWithAnEventNamingTheExtenderAndScheduleWhenItReturns() {
    createNodes(node("h1", ZONE_H), node("i1", ZONE_I), node("i2", ZONE_I));
    podNetworking("web", "Default", "Elastic", Map.of("app", "web"), vSwitch("h", ZONE_H, 50));

    extender.stopServer();
    createPod(pod("web-0").label("app", "web").memberEni());

    String message = awaitFailedScheduling("web-0", cluster.extenderUrl() + "/filter");
    assertThat(message).as("FailedScheduling event").contains("connect: connection refused");
    assertStaysPending(Duration.ofSeconds(3), "web-0");

    // back: kube-scheduler's backoff retries the pod (an error is not "unschedulable"), and
    // netplane's rules apply again
    extender.startServer();
    assertThat(zoneOf(awaitBound("web-0"))).isEqualTo(ZONE_H);
  }

  @Test
  void ignorablePodsScheduleWithoutTheExtenderAndItsRulesReturnWithIt() {
    createNodes(node("h1", ZONE_H), node("i1", ZONE_I), node("i2", ZONE_I));
    podNetworking("web", "Default", "Elastic", Map.of("app", "web"), vSwitch("h", ZONE_H, 50));
    cluster.restartScheduler(Map.of("NETPLANE_EXTENDER_IGNORABLE", "true"));

    extender.stopServer();
    createPod(pod("web-0").label("app", "web").memberEni());
    // bound somewhere: without netplane kube-scheduler knows nothing of the zone rule
    awaitBound("web-0");

    extender.startServer();
    for (int i = 1; i <= 4; i++) {
      createPod(pod("web-" + i).label("app", "web").memberEni());
    }
    for (int i = 1; i <= 4; i++) {
      assertThat(zoneOf(awaitBound("web-" + i)))
          .as("web-%d with the extender back", i)
          .isEqualTo(ZONE_H);
    }
  }
}
