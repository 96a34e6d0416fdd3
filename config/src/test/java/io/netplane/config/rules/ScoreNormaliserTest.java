package io.netplane.config.rules;

import static io.netplane.config.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each scorer says which way its signal points; its position among the scorers does not. */
class ScoreNormaliserTest {
  /** More shared IPs is better, whatever the strategy. */
  private static final Scorer ROOM = (pod, node) -> node.sharedCapacity();

  /** Free member ENIs: more is better, except when packing. */
  private static final Scorer SLOTS =
      new Scorer() {
        @Override
        public double raw(PodContext pod, NodeShape node) {
          return node.memberFree() == null ? Double.NaN : node.memberFree();
        }

        @Override
        public Direction direction(ScoringStrategy strategy) {
          return strategy == ScoringStrategy.PACK
              ? Direction.LESS_IS_BETTER
              : Direction.MORE_IS_BETTER;
        }
      };

  private static final PodContext POD =
      new PodContext(
          pod("p").build(), Resolution.defaultNetwork("test"), null, false, false, null, Map.of());

  private static NodeShape node(Long memberFree) {
    return new NodeShape(
        "z", null, null, null, true, false, false, true, false, 10, 0, memberFree, 0L, null);
  }

  /** Fit nodes as a request of nodes that share no shape has them. */
  private static FitNodes eachItsOwnShape(NodeShape... shapes) {
    int[] ids = new int[shapes.length];
    Arrays.setAll(ids, i -> i);
    return new FitNodes(shapes, ids, shapes.length);
  }

  private static final NodeShape ROOMY = node(10L);
  private static final NodeShape TIGHT = node(5L);

  @Test
  void packingTurnsAroundTheSignalThatPrefersLessWhereverItIsListed() {
    for (List<Scorer> scorers : List.of(List.of(SLOTS, ROOM), List.of(ROOM, SLOTS))) {
      int[] pack =
          new ScoreNormaliser(scorers, ScoringStrategy.PACK)
              .scores(POD, eachItsOwnShape(ROOMY, TIGHT));
      int[] spread =
          new ScoreNormaliser(scorers, ScoringStrategy.SPREAD)
              .scores(POD, eachItsOwnShape(ROOMY, TIGHT));

      // room is equal: 1 each; slots 10 and 5 normalise to 1 and 0.5, turned to 0 and 0.5
      assertThat(pack).as("PACK with %s", scorers).containsExactly(5, 8);
      assertThat(spread).as("SPREAD with %s", scorers).containsExactly(10, 8);
    }
  }

  @Test
  void anUnknownSignalScoresMidRangeInEitherDirectionAndNodesThatDoNotFitScoreZero() {
    int[] pack =
        new ScoreNormaliser(List.of(SLOTS), ScoringStrategy.PACK)
            .scores(POD, eachItsOwnShape(node(null), null, ROOMY));

    assertThat(pack).containsExactly(5, 0, 0);
  }

  @Test
  void aSignalOfTheSharedShapeIsWorkedOutOncePerShapeAndGivenToEachOfItsNodes() {
    AtomicInteger calls = new AtomicInteger();
    Scorer perShape =
        new Scorer() {
          @Override
          public double raw(PodContext pod, NodeShape node) {
            calls.incrementAndGet();
            return node.memberFree();
          }

          @Override
          public boolean readsSharedShapeOnly() {
            return true;
          }
        };
    // nodes 0 and 2 share shape 0, node 3 has shape 1, node 1 does not fit
    FitNodes nodes =
        new FitNodes(new NodeShape[] {ROOMY, null, ROOMY, TIGHT}, new int[] {0, 0, 0, 1}, 2);

    int[] scores =
        new ScoreNormaliser(List.of(perShape), ScoringStrategy.SPREAD).scores(POD, nodes);

    assertThat(scores).containsExactly(10, 0, 10, 5);
    assertThat(calls).hasValue(2);
  }

  @Test
  void theShippedEniSlotSignalIsTheOnePackingTurnsAround() {
    assertThat(new EniSlotScorer().direction(ScoringStrategy.PACK))
        .isEqualTo(Scorer.Direction.LESS_IS_BETTER);
    assertThat(new EniSlotScorer().direction(ScoringStrategy.SPREAD))
        .isEqualTo(Scorer.Direction.MORE_IS_BETTER);
    for (ScoringStrategy strategy : ScoringStrategy.values()) {
      assertThat(new IpHeadroomScorer().direction(strategy))
          .isEqualTo(Scorer.Direction.MORE_IS_BETTER);
    }
  }
}
