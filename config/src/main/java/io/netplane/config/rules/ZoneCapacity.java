package io.netplane.config.rules;

import io.netplane.config.model.SelectionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Free IPs a network's vSwitches hold in one zone, after in-flight reservations.
 *
 * @param free vSwitch id to free IPs, in list order; null value when capacity is unknown
 * @param firstWithRoom index in the network's whole vSwitch list of the first vSwitch of this zone
 *     with free IPs, or -1
 * @param listSize length of the network's whole vSwitch list
 * @param total free IPs of the known vSwitches here, summed
 * @param max free IPs of the known vSwitch here with the most
 */
public record ZoneCapacity(
    String zone,
    Map<String, Long> free,
    Status status,
    int firstWithRoom,
    int listSize,
    long total,
    long max) {

  /** What Terway's vSwitch choice would find in this zone. */
  public enum Status {
    /** Some vSwitch has free IPs. */
    ROOM,
    /** Every vSwitch here is known to have none. */
    EXHAUSTED,
    /** None known to have room, and some capacity is unknown. */
    UNKNOWN,
    /** The network has no vSwitch in this zone. */
    NO_VSWITCH
  }

  /**
   * @param freeIps free IPs of a vSwitch, null when unknown
   */
  static ZoneCapacity of(
      List<String> ids, String zone, VSwitchZones zones, Function<String, Long> freeIps) {
    Map<String, Long> free = new LinkedHashMap<>();
    int firstWithRoom = -1;
    boolean unknown = false;
    long total = 0;
    long max = 0;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (zone == null || !zone.equals(zones.zoneOf(id))) {
        continue;
      }
      Long f = freeIps.apply(id);
      free.put(id, f);
      unknown |= f == null;
      // summed once here: scoring reads them for every node of a request
      total += f == null ? 0 : f;
      max = Math.max(max, f == null ? 0 : f);
      if (f != null && f > 0 && firstWithRoom < 0) {
        firstWithRoom = i;
      }
    }
    Status status =
        firstWithRoom >= 0
            ? Status.ROOM
            : unknown ? Status.UNKNOWN : free.isEmpty() ? Status.NO_VSWITCH : Status.EXHAUSTED;
    return new ZoneCapacity(zone, free, status, firstWithRoom, ids.size(), total, max);
  }

  public List<String> unknownVSwitches() {
    List<String> ids = new ArrayList<>();
    free.forEach(
        (id, f) -> {
          if (f == null) {
            ids.add(id);
          }
        });
    return ids;
  }

  /**
   * How much room Terway's policy would see: ordered prefers an earlier-listed vSwitch with room,
   * most looks at the fullest one, random at the total. NaN when unknown.
   */
  public double headroom(SelectionPolicy policy) {
    if (status == Status.UNKNOWN || status == Status.NO_VSWITCH) {
      return Double.NaN;
    }
    return switch (policy) {
      case ORDERED -> firstWithRoom < 0 ? 0 : listSize - firstWithRoom;
      case MOST -> max();
      case RANDOM -> total();
    };
  }

  /** Some vSwitch here is also in {@code ids}. */
  boolean touches(Map<String, Long> ids) {
    for (String id : free.keySet()) {
      if (ids.containsKey(id)) {
        return true;
      }
    }
    return false;
  }

  /** The vSwitch Terway would take: first with room in policy order; null when none has room. */
  String pick(SelectionPolicy policy) {
    String best = null;
    long bestFree = 0;
    for (Map.Entry<String, Long> e : free.entrySet()) {
      Long f = e.getValue();
      if (f == null || f <= 0) {
        continue;
      }
      if (policy == SelectionPolicy.ORDERED) {
        return e.getKey();
      }
      // random is approximated by the fullest vSwitch: it is where the next IP most likely lands
      if (f > bestFree) {
        best = e.getKey();
        bestFree = f;
      }
    }
    return best;
  }
}
