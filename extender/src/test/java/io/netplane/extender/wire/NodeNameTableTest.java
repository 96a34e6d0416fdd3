package io.netplane.extender.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netplane.config.fixtures.Fixtures;
import io.netplane.config.rules.Decider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NodeNameTableTest {

  @Test
  void findsEveryNameOfALargeSnapshotAtItsNumber() {
    Decider decider = Fixtures.decider(Fixtures.largeCluster(3000, 5, 12, 100, 7));
    NodeNameTable table = new NodeNameTable(decider);
    for (int slot = 0; slot < decider.nodeCount(); slot++) {
      String name = decider.nodeName(slot);
      assertThat(find(table, "[\"" + name + "\"]", 2, name.length())).isEqualTo(slot);
      assertThat(find(table, name + "x", 0, name.length() + 1)).isEqualTo(-1);
      assertThat(find(table, name, 0, name.length() - 1)).isEqualTo(-1);
    }
  }

  @Test
  void namesOfOneHashAreToldApartByLengthAndBytes() {
    // "aA" and "b!" have the same hash (rotate by 5, xor), as have "" and what hashes to zero
    assertThat(NodeNameTable.hash("aA")).isEqualTo(NodeNameTable.hash("b!"));
    Decider decider =
        Fixtures.decider(
            Fixtures.snapshot()
                .node(
                    Fixtures.node("aA"),
                    Fixtures.node("b!"),
                    Fixtures.node("node-1"),
                    Fixtures.node("node-10"),
                    Fixtures.node("\u00e9t\u00e9"))
                .build());
    NodeNameTable table = new NodeNameTable(decider);
    for (String name : new String[] {"aA", "b!", "node-1", "node-10"}) {
      int slot = find(table, name, 0, name.length());
      assertThat(slot).isNotNegative();
      assertThat(decider.nodeName(slot)).isEqualTo(name);
    }
    assertThat(find(table, "node-", 0, 5)).isEqualTo(-1);
    assertThat(find(table, "node-100", 0, 8)).isEqualTo(-1);
    assertThat(find(table, "bA", 0, 2)).isEqualTo(-1);
  }

  @Test
  void aNameBeyondAsciiIsNotInTheTableButStillTheSnapshotsOwnString() {
    String name = "\u00e9t\u00e9";
    Decider decider =
        Fixtures.decider(Fixtures.snapshot().node(Fixtures.node("a"), Fixtures.node(name)).build());
    String own = decider.nodeName(decider.nodeName(0).equals(name) ? 0 : 1);
    byte[] body =
        ("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"" + name + "\",\"a\"]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(RequestDecoder.filterArgs(body, ServedSnapshot.of(decider), 2).nodeNames().get(0))
        .isSameAs(own);
  }

  /** Looks up the bytes {@code [offset, offset + length)} of {@code text}, ASCII. */
  private static int find(NodeNameTable table, String text, int offset, int length) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = NodeNameTable.step(hash, bytes[i]);
    }
    return table.find(bytes, offset, length, hash);
  }
}
