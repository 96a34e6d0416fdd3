package io.netplane.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PreemptionTest {
  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("fit", List.of(), true),
        Arguments.of("fit with a note", List.of(ReasonId.CAPACITY_UNKNOWN), true),
        Arguments.of("shared IPs used up", List.of(ReasonId.NODE_IP_CAPACITY_EXHAUSTED), true),
        Arguments.of("ENI slots used up", List.of(ReasonId.ENI_SLOTS_EXHAUSTED), true),
        Arguments.of(
            "slots and a note",
            List.of(ReasonId.ENI_SLOTS_EXHAUSTED, ReasonId.CAPACITY_UNKNOWN),
            true),
        Arguments.of("vSwitch exhausted", List.of(ReasonId.VSWITCHES_EXHAUSTED), false),
        Arguments.of(
            "slots and vSwitch",
            List.of(ReasonId.ENI_SLOTS_EXHAUSTED, ReasonId.VSWITCHES_EXHAUSTED),
            false),
        Arguments.of("wrong zone", List.of(ReasonId.ZONE_MISMATCH), false),
        Arguments.of("trunk not attached", List.of(ReasonId.TRUNK_NOT_ATTACHED), false),
        Arguments.of("SufficientIP=False", List.of(ReasonId.NODE_INSUFFICIENT_IP), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void onlyNodeLocalCapacityIsFreedByEviction(String name, List<ReasonId> ids, boolean helps) {
    Verdict v = Verdict.of(ids.stream().map(id -> Reason.of(id, name)).toList());
    assertThat(Preemption.helps(v)).isEqualTo(helps);
  }
}
