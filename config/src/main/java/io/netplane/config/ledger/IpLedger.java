package io.netplane.config.ledger;

import java.util.HashMap;
import java.util.Map;

/** Reservations counted per vSwitch. Not thread-safe: filled by one thread, then only read. */
public final class IpLedger {
  private final Map<String, Long> reserved = new HashMap<>();

  /** Reserves one IP of {@code vSwitch}. */
  public void reserve(String vSwitch) {
    reserved.merge(vSwitch, 1L, Long::sum);
  }

  /** IPs of {@code vSwitch} reserved. */
  public long reserved(String vSwitch) {
    return reserved.getOrDefault(vSwitch, 0L);
  }

  /**
   * The free IPs of {@code vSwitch} left after its reservations, never below zero; null when the
   * cloud's count {@code available} is unknown (null).
   */
  public Long free(String vSwitch, Long available) {
    return left(available, reserved(vSwitch));
  }

  /** The IPs of {@code available} (null: unknown) left after {@code reserved}, never below zero. */
  public static Long left(Long available, long reserved) {
    return available == null ? null : Math.max(0, available - reserved);
  }

  /** The reservations by vSwitch, as they are now (an immutable copy). */
  public Map<String, Long> byVSwitch() {
    return Map.copyOf(reserved);
  }
}
