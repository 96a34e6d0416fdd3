package io.netplane.extender.wire;

import io.netplane.config.rules.Decider;
import java.util.function.Function;

/**
 * A snapshot's node names, looked up straight from the characters a JSON parser decoded into its
 * own buffer: a request names thousands of nodes, and a known one then costs no String of its own.
 * Open addressing; an entry is the node's number plus one (zero marks a free entry), probed by the
 * name's {@link String#hashCode()}.
 */
final class NodeNameTable {
  /** Built once per snapshot ({@link Decider#derived}). */
  static final Function<Decider, NodeNameTable> OF_SNAPSHOT = NodeNameTable::new;

  private final String[] names;
  private final int[] hashes;
  private final int[] table;
  private final int mask;

  private NodeNameTable(Decider decider) {
    int n = decider.nodeCount();
    names = new String[n];
    hashes = new int[n];
    int capacity = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
    table = new int[capacity];
    mask = capacity - 1;
    for (int slot = 0; slot < n; slot++) {
      names[slot] = decider.nodeName(slot);
      hashes[slot] = names[slot].hashCode();
      int i = spread(hashes[slot]) & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = slot + 1;
    }
  }

  /** The snapshot's own String for the name in {@code chars[offset, offset+length)}, or null. */
  String find(char[] chars, int offset, int length) {
    int h = 0;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + chars[i];
    }
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      int entry = table[i];
      if (entry == 0) {
        return null;
      }
      String name = names[entry - 1];
      if (hashes[entry - 1] == h && sameChars(name, chars, offset, length)) {
        return name;
      }
    }
  }

  private static boolean sameChars(String name, char[] chars, int offset, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
