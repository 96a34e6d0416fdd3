package io.netplane.extender.wire;

import io.netplane.config.rules.Decider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A snapshot's node names, looked up straight from a request's bytes to the nodes' numbers: a
 * request names thousands of nodes, and a known one then costs no String of its own. Open
 * addressing by {@link #hash} (the same over an ASCII name's bytes as over its characters): an
 * entry holds the hash in its high half and the node's number plus one in its low half (zero marks
 * a free entry), so a probe reads one long and compares names only on a hash match.
 */
final class NodeNameTable {
  // each name's bytes when it is ASCII, as Kubernetes node names are; else null
  private final byte[][] ascii;
  private final long[] table;
  private final int mask;
  private final int shift;

  /** Built once per snapshot, with its {@link ServedSnapshot}. */
  NodeNameTable(Decider decider) {
    int n = decider.nodeCount();
    ascii = new byte[n][];
    int capacity = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
    table = new long[capacity];
    mask = capacity - 1;
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
    for (int slot = 0; slot < n; slot++) {
      String name = decider.nodeName(slot);
      if (StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
        ascii[slot] = name.getBytes(StandardCharsets.US_ASCII);
      }
      int hash = hash(name);
      int i = home(hash);
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = ((long) hash << 32) | (slot + 1);
    }
  }

  /**
   * The snapshot's number ({@link Decider#nodeName(int)}) of the ASCII name in {@code bytes[offset,
   * offset+length)} whose {@link #hash} is {@code hash}, or -1.
   */
  int find(byte[] bytes, int offset, int length, int hash) {
    for (int i = withHash(hash, home(hash)); i >= 0; i = withHash(hash, (i + 1) & mask)) {
      int slot = (int) table[i] - 1;
      byte[] name = ascii[slot];
      if (name != null && Arrays.equals(name, 0, name.length, bytes, offset, offset + length)) {
        return slot;
      }
    }
    return -1;
  }

  /**
   * A name's hash, one {@link #step} per character. Not {@link String#hashCode()}: its multiply per
   * character is a chain the scan of a request's bytes waits on at every byte; a rotation and an
   * xor cost less, and {@link #home} mixes the result.
   */
  static int hash(String name) {
    int hash = 0;
    for (int i = 0; i < name.length(); i++) {
      hash = step(hash, name.charAt(i));
    }
    return hash;
  }

  static int step(int hash, int c) {
    return Integer.rotateLeft(hash, 5) ^ c;
  }

  /** The first entry from {@code i} on, probing, of a name with hash {@code hash}; -1 if none. */
  private int withHash(int hash, int i) {
    for (; ; i = (i + 1) & mask) {
      long entry = table[i];
      if (entry == 0) {
        return -1;
      }
      if ((int) (entry >>> 32) == hash) {
        return i;
      }
    }
  }

  /**
   * The entry to probe first: the top bits of the hash times 2^32 / golden ratio. Names such as
   * {@code node-00042} have hashes in dense runs, which their low bits alone would pile up into
   * long probe chains.
   */
  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }
}
