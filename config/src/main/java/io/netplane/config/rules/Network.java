package io.netplane.config.rules;

import io.netplane.config.model.NetworkSpec;
import java.util.List;
import java.util.Set;

/**
 * A network a pod draws an IP from, with the zones its vSwitches live in.
 *
 * @param name the PodNetworking's name, or {@code pod-networks[i]} for an explicit entry
 * @param zones zones of the vSwitches whose zone is known
 * @param unknownVSwitches vSwitches whose zone neither the PodNetworking status nor the cloud
 *     inventory knows
 */
public record Network(
    String name, NetworkSpec spec, Set<String> zones, List<String> unknownVSwitches) {

  public Network {
    zones = Set.copyOf(zones);
    unknownVSwitches = List.copyOf(unknownVSwitches);
  }

  /** Every vSwitch's zone is known, so {@link #zones} is the whole truth. */
  public boolean zonesComplete() {
    return unknownVSwitches.isEmpty();
  }
}
