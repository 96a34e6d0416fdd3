package io.netplane.config.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeIndexTest {
  private static NodeFacts inZone(String zone) {
    return new NodeFacts(null, null, null, null, null, 0, null, null, zone, false, false, false, false, null);
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
  void namesWithTheSameHashAreToldApart() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    NodeIndex index = new NodeIndex(List.of("Aa", "BB"), name -> inZone("z"));
    assertThat(index.slot("BB")).isEqualTo(1);
    assertThat(index.slot("Aa")).isEqualTo(0);
    assertThat(index.slot("AaBB".substring(2))).isEqualTo(1);
  }

  @Test
  void zonesAreNumberedOnceAndNodesWithoutAZoneShareTheLastNumber() {
    Map<String, String> zones = Map.of("a", "z1", "b", "z2", "c", "z1");
    NodeIndex index = new NodeIndex(List.of("a", "b", "c", "d"), name -> inZone(zones.get(name)));
    assertThat(index.zoneCount()).isEqualTo(3);
    assertThat(index.zoneId(0)).isEqualTo(index.zoneId(2)).isNotEqualTo(index.zoneId(1));
    assertThat(index.zoneId(3)).isEqualTo(2);
  }

  @Test
  void anEmptySnapshotFindsNothing() {
    NodeIndex index = new NodeIndex(List.of(), name -> inZone("z"));
    assertThat(index.size()).isZero();
    assertThat(index.slot("any")).isEqualTo(-1);
  }
}
