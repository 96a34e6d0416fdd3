package io.netplane.config.lint;

import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import io.netplane.config.rules.Network;
import io.netplane.config.rules.Resolution;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network whose vSwitches hold fewer than twice the IPs its pods need: a rolling update or a
 * scale-out will exhaust it.
 */
final class VSwitchHeadroomCheck implements LintCheck {
  static final int FACTOR = 2;

  @Override
  public void check(LintContext ctx, List<Finding> out) {
    Map<String, Integer> podsPerNetwork = new TreeMap<>();
    Map<String, Network> networks = new TreeMap<>();
    for (Map.Entry<PodView, Resolution> e : ctx.resolutions.entrySet()) {
      for (Network n : e.getValue().networks()) {
        if (ctx.snapshot.podNetworking(n.name()) != null) {
          podsPerNetwork.merge(n.name(), 1, Integer::sum);
          networks.put(n.name(), n);
        }
      }
    }
    podsPerNetwork.forEach(
        (name, pods) -> {
          long free = 0;
          for (String id : networks.get(name).spec().vSwitchIds()) {
            VSwitch v = ctx.snapshot.vSwitches().get(id);
            if (v == null) {
              return; // unknown capacity: nothing to say
            }
            free += v.availableIps();
          }
          if (free < (long) FACTOR * pods) {
            out.add(
                new Finding(
                    "VSwitchHeadroom",
                    Finding.Severity.WARNING,
                    "PodNetworking/" + name,
                    "vSwitches "
                        + networks.get(name).spec().vSwitchIds()
                        + " have "
                        + free
                        + " free IPs for "
                        + pods
                        + " pod(s); keep at least "
                        + FACTOR
                        + "x"));
          }
        });
  }
}
