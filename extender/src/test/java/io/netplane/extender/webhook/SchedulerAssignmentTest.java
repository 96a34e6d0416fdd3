package io.netplane.extender.webhook;

import static io.netplane.extender.webhook.SchedulerAssignment.decide;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.extender.webhook.SchedulerAssignment.Outcome;
import org.junit.jupiter.api.Test;

class SchedulerAssignmentTest {
  private static final String NETPLANE = "netplane-scheduler";

  @Test
  void aPodLeftToTheDefaultSchedulerIsAssigned() {
    assertThat(decide(true, true, "default-scheduler", NETPLANE)).isEqualTo(Outcome.ASSIGNED);
    assertThat(decide(true, true, null, NETPLANE)).isEqualTo(Outcome.ASSIGNED);
    assertThat(decide(true, true, "", NETPLANE)).isEqualTo(Outcome.ASSIGNED);
    assertThat(Outcome.ASSIGNED.patches()).isTrue();
  }

  @Test
  void aPodNamingAnotherSchedulerIsLeftAlone() {
    assertThat(decide(true, true, "volcano", NETPLANE)).isEqualTo(Outcome.OTHER_SCHEDULER);
    assertThat(decide(true, true, "Default-Scheduler", NETPLANE))
        .as("names are compared exactly")
        .isEqualTo(Outcome.OTHER_SCHEDULER);
    assertThat(Outcome.OTHER_SCHEDULER.patches()).isFalse();
  }

  @Test
  void aPodAlreadyNamingTheTargetNeedsNoPatch() {
    assertThat(decide(true, true, NETPLANE, NETPLANE)).isEqualTo(Outcome.ALREADY_ASSIGNED);
    assertThat(Outcome.ALREADY_ASSIGNED.patches()).isFalse();
  }

  @Test
  void anythingButAPodCreationWithASpecIsLeftAlone() {
    assertThat(decide(false, true, "default-scheduler", NETPLANE))
        .isEqualTo(Outcome.NOT_A_POD_CREATION);
    assertThat(decide(true, false, null, NETPLANE)).isEqualTo(Outcome.NO_POD_SPEC);
    assertThat(Outcome.NOT_A_POD_CREATION.patches()).isFalse();
    assertThat(Outcome.NO_POD_SPEC.patches()).isFalse();
  }

  @Test
  void theTargetDecidesWhatCountsAsAlreadyAssigned() {
    assertThat(decide(true, true, NETPLANE, "netplane-canary")).isEqualTo(Outcome.OTHER_SCHEDULER);
  }
}
