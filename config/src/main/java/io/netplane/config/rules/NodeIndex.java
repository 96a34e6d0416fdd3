package io.netplane.config.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The snapshot's nodes numbered 0..n-1, with an open-addressing table from name to number. A
 * request resolves thousands of names: each table entry holds a name's hash beside its number, so a
 * probe reads one long and compares strings only on a hash match. Nodes are also grouped by their
 * {@link NodeShape#shared() shared shape}.
 */
final class NodeIndex {
  private final String[] names;
  private final NodeFacts[] facts;
  // each node's exact shape beside its facts: scoring reads thousands a request, one load each
  private final NodeShape[] exactShapes;
  private final int[] shapeIds;
  private final NodeShape[] shapes;
  private final long[] table;
  private final int mask;
  private final int shift;

  NodeIndex(List<String> names, Function<String, NodeFacts> facts) {
    int n = names.size();
    this.names = names.toArray(new String[0]);
    this.facts = new NodeFacts[n];
    this.exactShapes = new NodeShape[n];
    this.shapeIds = new int[n];
    Map<NodeShape, Integer> ids = new HashMap<>();
    List<NodeShape> distinct = new ArrayList<>();
    int capacity = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
    this.table = new long[capacity];
    this.mask = capacity - 1;
    this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
    for (int slot = 0; slot < n; slot++) {
      this.facts[slot] = facts.apply(this.names[slot]);
      exactShapes[slot] = this.facts[slot].shape();
      NodeShape shared = exactShapes[slot].shared();
      int shape = ids.computeIfAbsent(shared, k -> ids.size());
      if (shape == distinct.size()) {
        distinct.add(shared);
      }
      shapeIds[slot] = shape;
      int hash = this.names[slot].hashCode();
      int i = home(hash);
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = entry(hash, slot);
    }
    this.shapes = distinct.toArray(new NodeShape[0]);
  }

  /** The node's number, or -1 when the snapshot has no such node. */
  int slot(String name) {
    int h = name.hashCode();
    for (int i = home(h); ; i = (i + 1) & mask) {
      long entry = table[i];
      if (entry == 0) {
        return -1;
      }
      int slot = (int) entry - 1;
      if ((int) (entry >>> 32) == h && names[slot].equals(name)) {
        return slot;
      }
    }
  }

  NodeFacts facts(int slot) {
    return facts[slot];
  }

  /** The node's shape with its exact counts: what explain's rules and the scorers read. */
  NodeShape shape(int slot) {
    return exactShapes[slot];
  }

  String name(int slot) {
    return names[slot];
  }

  /**
   * The number of the node's {@link NodeShape#shared() shared shape} in {@code [0, shapeCount())}:
   * for per-shape memos that are arrays, read without touching the node's facts.
   */
  int shapeId(int slot) {
    return shapeIds[slot];
  }

  int shapeCount() {
    return shapes.length;
  }

  /** The shared shape numbered {@code shape}: what the rules read of each of its nodes. */
  NodeShape sharedShape(int shape) {
    return shapes[shape];
  }

  int size() {
    return names.length;
  }

  /** The hash in the high half, the number plus one in the low half: zero marks a free entry. */
  private static long entry(int hash, int slot) {
    return ((long) hash << 32) | (slot + 1);
  }

  /**
   * The entry to probe first: the top bits of the hash times 2^32 / golden ratio. The hashes of
   * names such as {@code node-00042} lie in dense runs, which their low bits alone (even with the
   * high half folded in) pile up into long probe chains.
   */
  int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }
}
