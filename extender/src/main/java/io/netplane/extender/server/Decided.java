package io.netplane.extender.server;

import io.netplane.config.rules.Decision;
import io.netplane.extender.wire.ServedSnapshot;
import java.util.Map;

/**
 * A decision with what it was made on: the served snapshot (whose encoded names the answer uses)
 * and the IPs held for other pods that it counted, by vSwitch.
 */
public record Decided(Decision decision, ServedSnapshot served, Map<String, Long> held) {}
