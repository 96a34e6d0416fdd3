package io.netplane.config.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The snapshot's nodes numbered 0..n-1, with an open-addressing table from name to number. A
 * request resolves thousands of names: the table keeps each name's hash beside its number, so a
 * probe reads two int arrays and compares strings only on a hash match.
 */
final class NodeIndex {
  private final String[] names;
  private final NodeFacts[] facts;
  private final int[] hashes;
  private final int[] zoneIds;
  private final int zoneCount;
  private final int[] table;
  private final int mask;

  NodeIndex(List<String> names, Function<String, NodeFacts> facts) {
    int n = names.size();
    this.names = new String[n];
    this.facts = new NodeFacts[n];
    for (int slot = 0; slot < n; slot++) {
      // Fresh copies lie side by side in memory, in slot order: a request naming nodes in about
      // that order compares strings the CPU has already fetched, not ones scattered by loading.
      this.names[slot] = new String(names.get(slot).toCharArray());
    }
    this.hashes = new int[n];
    this.zoneIds = new int[n];
    Map<String, Integer> zones = new HashMap<>();
    int capacity = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
    this.table = new int[capacity];
    this.mask = capacity - 1;
    for (int slot = 0; slot < n; slot++) {
      this.facts[slot] = facts.apply(names.get(slot));
      String zone = this.facts[slot].zone();
      zoneIds[slot] = zone == null ? -1 : zones.computeIfAbsent(zone, z -> zones.size());
      hashes[slot] = this.names[slot].hashCode();
      int i = spread(hashes[slot]) & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = slot + 1;
    }
    this.zoneCount = zones.size() + 1;
    for (int slot = 0; slot < n; slot++) {
      if (zoneIds[slot] < 0) {
        zoneIds[slot] = zones.size();
      }
    }
  }

  /** The node's number, or -1 when the snapshot has no such node. */
  int slot(String name) {
    int h = name.hashCode();
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      int entry = table[i];
      if (entry == 0) {
        return -1;
      }
      int slot = entry - 1;
      if (hashes[slot] == h && names[slot].equals(name)) {
        return slot;
      }
    }
  }

  NodeFacts facts(int slot) {
    return facts[slot];
  }

  String name(int slot) {
    return names[slot];
  }

  /**
   * The node's zone as a number in {@code [0, zoneCount())}, nodes without a zone sharing one: for
   * per-zone memos that are arrays, read without touching the node's facts.
   */
  int zoneId(int slot) {
    return zoneIds[slot];
  }

  int zoneCount() {
    return zoneCount;
  }

  int size() {
    return names.length;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
