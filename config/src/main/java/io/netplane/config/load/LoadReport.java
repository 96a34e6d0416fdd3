package io.netplane.config.load;

import io.netplane.config.model.ClusterSnapshot;
import java.util.Map;

/**
 * A loaded snapshot and what went into it.
 *
 * @param loaded objects used, by kind
 * @param skipped objects of kinds netplane does not use, by kind
 */
public record LoadReport(ClusterSnapshot snapshot, int files, Map<String, Integer> loaded, Map<String, Integer> skipped) {
  public LoadReport {
    loaded = Map.copyOf(loaded);
    skipped = Map.copyOf(skipped);
  }
}
