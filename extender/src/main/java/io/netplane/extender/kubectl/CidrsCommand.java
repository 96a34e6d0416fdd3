package io.netplane.extender.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.config.cli.Whitelists;
import io.netplane.config.cli.Whitelists.Whitelist;
import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.model.VSwitch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The CIDR blocks to whitelist per FixedCidrPool of the live cluster. */
@Command(
    name = "cidrs",
    mixinStandardHelpOptions = true,
    description =
        "Print the CIDR blocks to whitelist per FixedCidrPool of the cluster: the CIDRs of its spec.podVSwitchIds in the running extender's cloud inventory (or --inventory DIR). A pool with a vSwitch the inventory lacks is printed from its status.whitelistCidrs, with a warning.")
final class CidrsCommand extends PluginCommand {
  @Mixin LiveSnapshot live;
  @Mixin ExtenderOptions extender;

  @Override
  int run() {
    List<JsonNode> pools = pools();
    List<Whitelist> out = new ArrayList<>();
    if (!pools.isEmpty()) {
      Instant now = Clock.systemUTC().instant();
      LiveSnapshot.Inventory inventory = live.inventory(kube(), extender, now);
      Map<String, VSwitch> vSwitches =
          SnapshotLoader.fromDocuments(inventory.source(), List.of(inventory.document()), now)
              .snapshot()
              .vSwitches();
      pools.forEach(p -> out.add(whitelist(p, vSwitches, inventory.source())));
    }
    Whitelists.print(out, output.format(), out());
    return 0;
  }

  /** The cluster's FixedCidrPool objects. */
  private List<JsonNode> pools() {
    List<GenericKubernetesResource> items;
    try {
      items = kube().genericKubernetesResources(StatusCommand.FIXED_CIDR_POOLS).list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw new IllegalStateException(StatusCommand.NO_CRD);
      }
      throw e;
    }
    var serialization = kube().getKubernetesSerialization();
    return items.stream().map(i -> serialization.convertValue(i, JsonNode.class)).toList();
  }

  /**
   * The CIDRs of the pool's vSwitches; its status' when the inventory lacks one of them, since a
   * whitelist missing a block would drop that vSwitch's pods' traffic.
   */
  private Whitelist whitelist(JsonNode pool, Map<String, VSwitch> vSwitches, String source) {
    String name = pool.path("metadata").path("name").asText();
    List<VSwitch> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode id : pool.path("spec").path("podVSwitchIds")) {
      VSwitch v = vSwitches.get(id.asText());
      if (v != null) {
        found.add(v);
      } else {
        missing.add(id.asText());
      }
    }
    if (missing.isEmpty()) {
      return Whitelist.of(name, found);
    }
    err()
        .println(
            "warning: pool "
                + name
                + ": vSwitch(es) "
                + missing
                + " not in the "
                + source
                + "; printing its status.whitelistCidrs");
    return Whitelist.ofStatus(pool);
  }
}
