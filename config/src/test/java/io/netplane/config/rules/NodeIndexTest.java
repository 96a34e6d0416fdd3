package io.netplane.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.model.NodeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeIndexTest {
  private static NodeFacts inZone(String zone) {
    return node(zone, 0, 0L);
  }

  /** A node with 10 shared IPs of which {@code sharedUsed} are in use. */
  private static NodeFacts node(String zone, int sharedUsed, Long memberFree) {
    NodeView view =
        new NodeView(
            "n",
            zone,
            Map.of(),
            "ecs.g7.large",
            null,
            false,
            false,
            null,
            10,
            false,
            8L,
            0L,
            null,
            false);
    NodeShape shape =
        new NodeShape(
            zone,
            null,
            null,
            "ecs.g7.large",
            true,
            false,
            false,
            false,
            false,
            10,
            sharedUsed,
            memberFree,
            0L,
            null);
    return new NodeFacts(view, shape);
  }

  @Test
  void everyNameFindsItsOwnNumberAndOthersFindNone() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add("node-" + i);
    }
    NodeIndex index = new NodeIndex(names, name -> inZone("z"));
    for (int i = 0; i < names.size(); i++) {
      assertThat(index.slot(new String("node-" + i))).isEqualTo(i);
      assertThat(index.name(i)).isEqualTo(names.get(i));
    }
    assertThat(index.slot("node-1000")).isEqualTo(-1);
    assertThat(index.slot("")).isEqualTo(-1);
  }

  @Test
  void sequentiallyNumberedNamesMostlyStartTheirLookupAtAnEntryOfTheirOwn() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      names.add(String.format("node-%05d", i));
    }
    NodeIndex index = new NodeIndex(names, name -> inZone("z"));
    // homes shared by several names are probe chains: their hashes come in dense runs
    long distinctHomes = names.stream().mapToInt(n -> index.home(n.hashCode())).distinct().count();
    assertThat(distinctHomes).isGreaterThan(4750);
  }

  @Test
  void namesWithTheSameHashAreToldApart() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    NodeIndex index = new NodeIndex(List.of("Aa", "BB"), name -> inZone("z"));
    assertThat(index.slot("BB")).isEqualTo(1);
    assertThat(index.slot("Aa")).isEqualTo(0);
    assertThat(index.slot("AaBB".substring(2))).isEqualTo(1);
  }

  @Test
  void nodesAreGroupedBySharedShape() {
    Map<String, NodeFacts> nodes = new LinkedHashMap<>();
    nodes.put("a", inZone("z1"));
    nodes.put("b", inZone("z2"));
    nodes.put("c", inZone("z1"));
    nodes.put("d", inZone(null));
    NodeIndex index = new NodeIndex(List.copyOf(nodes.keySet()), nodes::get);
    assertThat(index.shapeCount()).isEqualTo(3);
    assertThat(index.shapeId(0)).isEqualTo(index.shapeId(2)).isNotEqualTo(index.shapeId(1));
    assertThat(index.shapeId(3)).isNotIn(index.shapeId(0), index.shapeId(1));
    assertThat(index.sharedShape(index.shapeId(2))).isEqualTo(nodes.get("c").shape().shared());
  }

  @Test
  void countsThatCannotChangeAVerdictDoNotSplitShapes() {
    assertThat(node("z", 3, 4L).shape().shared()).isEqualTo(node("z", 9, 60L).shape().shared());
    // a full node names its own numbers
    assertThat(node("z", 10, 4L).shape().shared()).isNotEqualTo(node("z", 12, 4L).shape().shared());
    assertThat(node("z", 9, 4L).shape().shared()).isNotEqualTo(node("z", 10, 4L).shape().shared());
    // fewer free slots than a pod may need are told apart
    assertThat(node("z", 0, 3L).shape().shared()).isNotEqualTo(node("z", 0, 4L).shape().shared());
    assertThat(node("z", 0, null).shape().shared()).isNotEqualTo(node("z", 0, 0L).shape().shared());
  }

  @Test
  void anEmptySnapshotFindsNothing() {
    NodeIndex index = new NodeIndex(List.of(), name -> inZone("z"));
    assertThat(index.size()).isZero();
    assertThat(index.slot("any")).isEqualTo(-1);
  }
}
