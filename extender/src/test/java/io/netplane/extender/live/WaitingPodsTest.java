package io.netplane.extender.live;

import static io.netplane.config.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.fixtures.TestClock;
import io.netplane.config.model.PodView;
import io.netplane.extender.live.WaitingPods.Waiting;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitingPodsTest {
  private static final Duration MAX_WAIT = Duration.ofMinutes(5);
  private final TestClock clock = new TestClock(Fixtures.NOW);
  private final WaitingPods waiting = new WaitingPods(clock, 3, MAX_WAIT);

  private final PodView a = pod("a").uid("uid-a").build();
  private final PodView b = pod("b").uid("uid-b").build();

  @Test
  void aFreedVSwitchTakesOutOnlyThePodsThatWaitedOnIt() {
    waiting.add(a, Set.of("vsw-1", "vsw-2"));
    waiting.add(b, Set.of("vsw-3"));

    assertThat(waiting.takeWaitingOn(Set.of("vsw-2"), 10))
        .extracting(Waiting::name)
        .containsExactly("a");
    assertThat(waiting.takeWaitingOn(Set.of("vsw-2"), 10)).as("taken once").isEmpty();
    assertThat(waiting.size()).isEqualTo(1);
  }

  @Test
  void aPodThatNoLongerWaitsIsForgotten() {
    waiting.add(a, Set.of("vsw-1"));
    waiting.forget(a);
    assertThat(waiting.takeWaitingOn(Set.of("vsw-1"), 10)).isEmpty();
  }

  @Test
  void pastItsCapacityItRecordsNoMoreUntilOldEntriesLapse() {
    for (int i = 0; i < 4; i++) {
      waiting.add(pod("p" + i).uid("uid-" + i).build(), Set.of("vsw-1"));
    }
    assertThat(waiting.size()).isEqualTo(3);

    clock.advance(MAX_WAIT.plusSeconds(1));
    waiting.add(a, Set.of("vsw-1"));
    assertThat(waiting.takeWaitingOn(Set.of("vsw-1"), 10))
        .extracting(Waiting::name)
        .containsExactly("a");
  }

  @Test
  void thoseWaitingLongestAreTakenFirstUpToTheLimit() {
    waiting.add(a, Set.of("vsw-1"));
    clock.advance(Duration.ofSeconds(1));
    waiting.add(b, Set.of("vsw-1"));
    clock.advance(Duration.ofSeconds(1));
    waiting.add(pod("c").uid("uid-c").build(), Set.of("vsw-1"));

    assertThat(waiting.takeWaitingOn(Set.of("vsw-1"), 2))
        .extracting(Waiting::name)
        .containsExactly("a", "b");
    assertThat(waiting.takeWaitingOn(Set.of("vsw-1"), 2))
        .extracting(Waiting::name)
        .containsExactly("c");
  }
}
