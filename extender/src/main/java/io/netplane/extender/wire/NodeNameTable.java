package io.netplane.extender.wire;

import io.netplane.config.rules.Decider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A snapshot's node names, looked up straight from a request's bytes to the nodes' numbers: a
 * request names thousands of nodes, and a known one then costs no String of its own. Open
 * addressing by {@link #hash} (the same over an ASCII name's bytes as over its characters), two
 * longs an entry: the name's hash and length, then where its bytes lie and the node's number. A
 * probe compares hash and length in one long before it reads a name, and the names' bytes lie one
 * after another in one array: a lookup reads the entry, then the bytes, and nothing in between.
 */
final class NodeNameTable {
  // the ASCII names, as Kubernetes node names are, one after another; other names are not here
  private final byte[] names;
  // per entry: hash << 32 | length + 1 (zero marks a free entry), then offset in names << 32 |
  // number
  private final long[] table;
  private final int mask;
  private final int shift;
  // bytes a known name takes in a NodeNames array, quotes and comma included, on average
  private final int bytesPerName;

  /** Built once per snapshot, with its {@link ServedSnapshot}. */
  NodeNameTable(Decider decider) {
    int n = decider.nodeCount();
    int capacity = Integer.highestOneBit(Math.max(4, n + n / 2) - 1) << 1;
    table = new long[2 * capacity];
    mask = capacity - 1;
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int slot = 0; slot < n; slot++) {
      String name = decider.nodeName(slot);
      if (!StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
        continue;
      }
      int hash = hash(name);
      int i = home(hash);
      while (table[2 * i] != 0) {
        i = (i + 1) & mask;
      }
      table[2 * i] = key(hash, name.length());
      table[2 * i + 1] = ((long) all.size() << 32) | slot;
      all.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
    }
    names = all.toByteArray();
    bytesPerName = n == 0 ? 3 : Math.max(3, names.length / n + 3);
  }

  /** About how many of the snapshot's names an array of {@code bytes} bytes holds. */
  int namesFitting(int bytes) {
    return Math.max(0, bytes) / bytesPerName;
  }

  /**
   * The snapshot's number ({@link Decider#nodeName(int)}) of the ASCII name in {@code bytes[offset,
   * offset+length)} whose {@link #hash} is {@code hash}, or -1.
   */
  int find(byte[] bytes, int offset, int length, int hash) {
    long key = key(hash, length);
    for (int i = home(hash); ; i = (i + 1) & mask) {
      long entry = table[2 * i];
      if (entry == key) {
        long place = table[2 * i + 1];
        int start = (int) (place >>> 32);
        if (Arrays.equals(names, start, start + length, bytes, offset, offset + length)) {
          return (int) place;
        }
      } else if (entry == 0) {
        return -1;
      }
    }
  }

  private static long key(int hash, int length) {
    return ((long) hash << 32) | (length + 1);
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

  /**
   * The entry to probe first: the top bits of the hash times 2^32 / golden ratio. Names such as
   * {@code node-00042} have hashes in dense runs, which their low bits alone would pile up into
   * long probe chains.
   */
  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }
}
