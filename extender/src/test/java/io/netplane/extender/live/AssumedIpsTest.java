package io.netplane.extender.live;

import static io.netplane.config.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.fixtures.TestClock;
import io.netplane.config.model.PodView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssumedIpsTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final Map<String, PodView> informer = new HashMap<>();
  private final TestClock clock = new TestClock(Fixtures.NOW);
  private final List<Set<String>> freed = new ArrayList<>();
  private final AssumedIps holds = new AssumedIps(clock, TTL, GRACE, informer::get, freed::add);

  private final PodView realPod = pod("real").uid("uid-real").build();
  private final PodView other = pod("other").uid("uid-other").build();

  private PodView informed(PodView pod) {
    informer.put(pod.key(), pod);
    return pod;
  }

  @Test
  void aPendingPodTheInformerKnowsHoldsForTheFullTtl() {
    holds.hold(informed(realPod), Set.of("vsw-a"));
    clock.advance(TTL.minusSeconds(1));
    assertThat(holds.heldForOthers(other)).containsEntry("vsw-a", 1L);
    clock.advance(Duration.ofSeconds(1));
    assertThat(holds.heldForOthers(other)).isEmpty();
  }

  @Test
  void aMadeUpPodHoldsOnlyForTheGrace() {
    for (int i = 0; i < 10; i++) {
      holds.hold(pod("ghost-" + i).uid("made-up-" + i).build(), Set.of("vsw-a"));
    }
    assertThat(holds.heldForOthers(other)).containsEntry("vsw-a", 10L);
    clock.advance(GRACE);
    assertThat(holds.heldForOthers(other)).isEmpty();
  }

  @Test
  void aPodTheInformerSeesWithinTheGraceKeepsItsHold() {
    holds.hold(realPod, Set.of("vsw-a"));
    clock.advance(Duration.ofSeconds(1));
    holds.seen(informed(realPod));
    clock.advance(GRACE);
    assertThat(holds.heldForOthers(other)).containsEntry("vsw-a", 1L);
  }

  @Test
  void aPodRecreatedUnderTheSameNameIsNotTheInformersPod() {
    informed(pod("real").uid("uid-old").build());
    holds.hold(realPod, Set.of("vsw-a"));
    clock.advance(GRACE);
    assertThat(holds.heldForOthers(other)).isEmpty();
  }

  @Test
  void aDeletedPodReleasesItsHoldAtOnce() {
    holds.hold(informed(realPod), Set.of("vsw-a"));
    holds.deleted(realPod);
    assertThat(holds.heldForOthers(other)).isEmpty();
    assertThat(holds.size()).isZero();
  }

  @Test
  void aBoundOrFinishedPodTakesNoHold() {
    holds.hold(informed(pod("bound").uid("uid-b").boundTo("n-1").build()), Set.of("vsw-a"));
    holds.hold(informed(pod("done").uid("uid-d").finished().build()), Set.of("vsw-a"));
    assertThat(holds.size()).isZero();
  }

  @Test
  void aPodHoldsOnceWhateverHowOftenItIsFiltered() {
    informed(realPod);
    holds.hold(realPod, Set.of("vsw-a"));
    holds.hold(realPod, Set.of("vsw-b"));
    assertThat(holds.heldForOthers(other)).isEqualTo(Map.of("vsw-b", 1L));
    assertThat(holds.heldForOthers(realPod)).isEmpty();
  }

  @Test
  void holdsEndedWithoutABindingAreToldWithTheirVSwitches() {
    informed(realPod);
    holds.hold(realPod, Set.of("vsw-a", "vsw-b"));
    holds.hold(realPod, Set.of("vsw-b"));
    assertThat(freed).containsExactly(Set.of("vsw-a"));
    holds.hold(realPod, Set.of());
    assertThat(freed).containsExactly(Set.of("vsw-a"), Set.of("vsw-b"));

    holds.hold(realPod, Set.of("vsw-c"));
    holds.deleted(realPod);
    assertThat(freed).last().isEqualTo(Set.of("vsw-c"));
    assertThat(holds.freedCount()).isEqualTo(3);
  }

  @Test
  void anExpiredHoldIsToldOnceAndABoundOneNever() {
    holds.hold(informed(realPod), Set.of("vsw-a"));
    holds.hold(informed(other), Set.of("vsw-b"));
    holds.release(AssumedIps.key(other)::equals);
    assertThat(holds.size()).isEqualTo(1);
    holds.expire();
    assertThat(freed).as("nothing expired yet").isEmpty();

    clock.advance(TTL);
    holds.expire();
    holds.expire();
    assertThat(freed).containsExactly(Set.of("vsw-a"));
    assertThat(holds.size()).isZero();
  }

  @Test
  void droppingEveryHoldTellsWhatEachHeld() {
    holds.hold(informed(realPod), Set.of("vsw-a"));
    holds.hold(informed(other), Set.of("vsw-b"));

    assertThat(holds.clear()).isEqualTo(2);

    assertThat(freed).containsExactlyInAnyOrder(Set.of("vsw-a"), Set.of("vsw-b"));
    assertThat(holds.size()).isZero();
  }
}
