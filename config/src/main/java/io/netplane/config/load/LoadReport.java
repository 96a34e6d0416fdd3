package io.netplane.config.load;

import io.netplane.config.model.ClusterSnapshot;
import java.util.List;
import java.util.Map;

/**
 * A loaded snapshot and what went into it.
 *
 * @param loaded objects used, by kind
 * @param skipped objects of kinds netplane does not use, by kind
 * @param warnings problems that did not stop the load, such as objects defined twice
 */
public record LoadReport(
    ClusterSnapshot snapshot,
    int files,
    Map<String, Integer> loaded,
    Map<String, Integer> skipped,
    List<String> warnings) {
  public LoadReport {
    loaded = Map.copyOf(loaded);
    skipped = Map.copyOf(skipped);
    warnings = List.copyOf(warnings);
  }
}
