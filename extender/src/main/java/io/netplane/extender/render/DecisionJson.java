package io.netplane.extender.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.lint.Finding;
import io.netplane.config.model.PodEni;
import io.netplane.config.rules.Decision;
import io.netplane.config.rules.Network;
import io.netplane.config.rules.NodeDecision;
import io.netplane.config.rules.Reason;
import io.netplane.config.rules.Resolution;
import java.util.List;
import java.util.TreeSet;

/** The JSON shape of decisions and lint findings, shared by {@code /explain} and the CLI. */
public final class DecisionJson {
  public static final ObjectMapper JSON = new ObjectMapper();

  private DecisionJson() {}

  public static ObjectNode decision(Decision d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("pod", d.pod().key());
    o.set("network", network(d.resolution()));
    if (d.allowedZones() == null) {
      o.putNull("allowedZones");
    } else {
      ArrayNode zones = o.putArray("allowedZones");
      new TreeSet<>(d.allowedZones()).forEach(zones::add);
    }
    PodEni pin = d.pin();
    if (pin == null) {
      o.putNull("fixedIpZone");
    } else {
      o.putObject("fixedIpZone")
          .put("zone", pin.zone())
          .put("podENI", pin.namespace() + "/" + pin.name());
    }
    d.best().ifPresentOrElse(b -> o.put("best", b.node()), () -> o.putNull("best"));
    o.put("fitNodes", d.fitCount());
    ArrayNode nodes = o.putArray("nodes");
    List<NodeDecision> decided = d.nodes();
    for (int i = 0; i < decided.size(); i++) {
      NodeDecision n = decided.get(i);
      ObjectNode node = nodes.addObject();
      node.put("node", n.node());
      node.put("zone", n.zone());
      node.put("verdict", n.verdict().code().name());
      node.put("score", n.score());
      node.put("cordoned", d.cordoned(i));
      node.set("reasons", reasons(n.verdict().reasons()));
      // where a fit pod's IP would come from: vSwitch id to free IPs (null when unknown)
      node.set("vSwitches", JSON.valueToTree(d.vSwitchesOn(i)));
    }
    return o;
  }

  public static ObjectNode network(Resolution r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", r.kind().name());
    o.put("why", r.why());
    ArrayNode networks = o.putArray("networks");
    for (Network n : r.networks()) {
      ObjectNode net = networks.addObject();
      net.put("name", n.name());
      net.set("vSwitchIds", JSON.valueToTree(n.spec().vSwitchIds()));
      net.set("zones", JSON.valueToTree(new TreeSet<>(n.zones())));
      net.put("eniType", n.spec().eniType().wire());
      net.put("allocation", n.spec().allocation().type().name());
      net.put("selectionPolicy", n.spec().selectionPolicy().name());
      if (!n.unknownVSwitches().isEmpty()) {
        net.set("unknownVSwitches", JSON.valueToTree(n.unknownVSwitches()));
      }
    }
    o.set("conflicts", JSON.valueToTree(r.conflicts()));
    return o;
  }

  public static ArrayNode reasons(List<Reason> reasons) {
    ArrayNode out = JSON.createArrayNode();
    for (Reason r : reasons) {
      ObjectNode o = out.addObject();
      o.put("id", r.id().id());
      o.put("code", r.id().code().name());
      o.put("message", r.message());
      o.set("detail", JSON.valueToTree(r.detail()));
    }
    return out;
  }

  public static ArrayNode findings(List<Finding> findings) {
    ArrayNode out = JSON.createArrayNode();
    for (Finding f : findings) {
      out.addObject()
          .put("id", f.id().id())
          .put("severity", f.severity().name())
          .put("subject", f.subject())
          .put("message", f.message());
    }
    return out;
  }
}
