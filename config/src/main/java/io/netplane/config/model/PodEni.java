package io.netplane.config.model;

import java.time.Instant;

/**
 * A Terway {@code PodENI}, named like its pod.
 *
 * @param zone {@code spec.zone}: the zone a fixed IP lives in
 * @param allocation the first allocation's type and release strategy
 * @param podLastSeen null when Terway has not recorded it
 */
public record PodEni(
    String namespace,
    String name,
    String zone,
    boolean deleting,
    boolean hasAllocations,
    Allocation allocation,
    Instant podLastSeen) {}
