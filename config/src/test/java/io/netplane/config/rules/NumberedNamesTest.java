package io.netplane.config.rules;

import static io.netplane.config.fixtures.Fixtures.VSW_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_I;
import static io.netplane.config.fixtures.Fixtures.ZONE_J;
import static io.netplane.config.fixtures.Fixtures.node;
import static io.netplane.config.fixtures.Fixtures.podNetworking;
import static io.netplane.config.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names a reader numbered while parsing decide exactly as the same names given as Strings. */
class NumberedNamesTest {
  private static final List<String> ASKED = List.of("n-j", "ghost", "n-i", "n-h");

  @Test
  void namesNumberedByTheDecidingSnapshotDecideAsPlainNames() {
    Decider decider = DeciderTest.cluster().decider();
    NumberedNames numbered = new NumberedNames(decider);
    numbered.addNode(decider.slot("n-j"));
    numbered.add("ghost");
    numbered.add(new String("n-i"));
    numbered.addNode(decider.slot("n-h"));

    assertThat(numbered).containsExactlyElementsOf(ASKED);
    assertThat(numbered.get(2)).isSameAs(decider.nodeName(decider.slot("n-i")));
    for (Purpose purpose : Purpose.values()) {
      assertSameDecision(
          decider.decide(DeciderTest.web(), numbered, purpose),
          decider.decide(DeciderTest.web(), ASKED, purpose));
    }
  }

  @Test
  void namesNumberedByAnEarlierSnapshotAreLookedUpInTheDecidingOne() {
    Decider earlier = DeciderTest.cluster().decider();
    // n-h is gone: the nodes after it are numbered differently now
    Decider now =
        snapshot()
            .trunking(true)
            .node(node("n-i").zone(ZONE_I).trunk(), node("n-j").zone(ZONE_J).trunk())
            .podNetworking(podNetworking("pn-i").vSwitches(VSW_I).selectPods("app", "web"))
            .decider();
    assertThat(now.slot("n-i")).isNotEqualTo(earlier.slot("n-i"));
    NumberedNames numbered = new NumberedNames(earlier);
    ASKED.forEach(numbered::add);

    Decision d = now.decide(DeciderTest.web(), numbered, Purpose.FILTER);

    assertSameDecision(d, now.decide(DeciderTest.web(), ASKED, Purpose.FILTER));
    assertThat(d.verdicts().slot(2)).isEqualTo(now.slot("n-i"));
    assertThat(d.verdicts().slot(3)).isEqualTo(-1);
  }

  @Test
  void clearingStartsTheListAgain() {
    NumberedNames numbered = new NumberedNames(DeciderTest.cluster().decider());
    numbered.add("n-h");
    numbered.clear();
    numbered.add("n-i");
    assertThat(numbered).containsExactly("n-i");
  }

  private static void assertSameDecision(Decision actual, Decision expected) {
    assertThat(actual.nodes()).isEqualTo(expected.nodes());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.verdicts().slot(i)).isEqualTo(expected.verdicts().slot(i));
    }
  }
}
