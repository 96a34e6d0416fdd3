package io.netplane.extender.live;

import static io.netplane.config.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.model.PodView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssumedIpsTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final Map<String, PodView> informer = new HashMap<>();
  private Instant now = Fixtures.NOW;
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }
      };
  private final AssumedIps holds = new AssumedIps(clock, TTL, GRACE, informer::get);

  private final PodView realPod = pod("real").uid("uid-real").build();
  private final PodView other = pod("other").uid("uid-other").build();

  private PodView informed(PodView pod) {
    informer.put(pod.key(), pod);
    return pod;
  }

  @Test
  void aPendingPodTheInformerKnowsHoldsForTheFullTtl() {
    holds.hold(informed(realPod), Set.of("vsw-a"));
    now = now.plus(TTL).minusSeconds(1);
    assertThat(holds.heldForOthers(other)).containsEntry("vsw-a", 1L);
    now = now.plusSeconds(1);
    assertThat(holds.heldForOthers(other)).isEmpty();
  }

  @Test
  void aMadeUpPodHoldsOnlyForTheGrace() {
    for (int i = 0; i < 10; i++) {
      holds.hold(pod("ghost-" + i).uid("made-up-" + i).build(), Set.of("vsw-a"));
    }
    assertThat(holds.heldForOthers(other)).containsEntry("vsw-a", 10L);
    now = now.plus(GRACE);
    assertThat(holds.heldForOthers(other)).isEmpty();
  }

  @Test
  void aPodTheInformerSeesWithinTheGraceKeepsItsHold() {
    holds.hold(realPod, Set.of("vsw-a"));
    now = now.plusSeconds(1);
    holds.seen(informed(realPod));
    now = now.plus(GRACE);
    assertThat(holds.heldForOthers(other)).containsEntry("vsw-a", 1L);
  }

  @Test
  void aPodRecreatedUnderTheSameNameIsNotTheInformersPod() {
    informed(pod("real").uid("uid-old").build());
    holds.hold(realPod, Set.of("vsw-a"));
    now = now.plus(GRACE);
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
}
