package io.netplane.config.lint;

import io.netplane.config.model.PodView;
import io.netplane.config.rules.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Several PodNetworkings select the same pod: Terway picks one arbitrarily. */
final class ConflictingPodNetworkingsCheck implements LintCheck {
  @Override
  public void check(LintContext ctx, List<Finding> out) {
    Map<String, List<String>> podsByConflict = new TreeMap<>();
    for (Map.Entry<PodView, Resolution> e : ctx.resolutions.entrySet()) {
      Resolution r = e.getValue();
      if (r.conflicts().isEmpty()) {
        continue;
      }
      List<String> all = new ArrayList<>();
      all.add(r.networks().get(0).name());
      all.addAll(r.conflicts());
      podsByConflict
          .computeIfAbsent(String.join(", ", all), k -> new ArrayList<>())
          .add(e.getKey().key());
    }
    podsByConflict.forEach(
        (networks, pods) ->
            out.add(
                new Finding(
                    LintId.CONFLICTING_POD_NETWORKINGS,
                    Finding.Severity.ERROR,
                    "PodNetworking/" + networks.split(", ")[0],
                    "PodNetworkings ["
                        + networks
                        + "] all select "
                        + pods.size()
                        + " pod(s), e.g. "
                        + pods.get(0)
                        + "; Terway picks one arbitrarily, netplane assumes the oldest")));
  }
}
