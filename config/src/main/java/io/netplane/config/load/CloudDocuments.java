package io.netplane.config.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.util.Collection;
import java.util.Comparator;

/**
 * Cloud inventory as the Alibaba Cloud OpenAPI writes it (the fields of DescribeVSwitches and
 * DescribeInstanceTypes that {@link SnapshotLoader} reads), both in one document: what a snapshot's
 * cloud files hold, written back so that the same loader reads it.
 */
public final class CloudDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudDocuments() {}

  /** {@code {"VSwitches":{"VSwitch":[...]},"InstanceTypes":{"InstanceType":[...]}}}, by id. */
  public static ObjectNode inventory(
      Collection<VSwitch> vSwitches, Collection<InstanceType> instanceTypes) {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode vsw = doc.putObject("VSwitches").putArray("VSwitch");
    vSwitches.stream()
        .sorted(Comparator.comparing(VSwitch::id))
        .forEach(
            v -> {
              ObjectNode o =
                  vsw.addObject()
                      .put("VSwitchId", v.id())
                      .put("ZoneId", v.zone())
                      .put("CidrBlock", v.cidr())
                      .put("VpcId", v.vpcId());
              // unknown stays absent, as the loader reads it
              if (v.availableIps() != null) {
                o.put("AvailableIpAddressCount", v.availableIps());
              }
            });
    ArrayNode types = doc.putObject("InstanceTypes").putArray("InstanceType");
    instanceTypes.stream()
        .sorted(Comparator.comparing(InstanceType::id))
        .forEach(
            t ->
                types
                    .addObject()
                    .put("InstanceTypeId", t.id())
                    .put("EniQuantity", t.eniQuantity())
                    .put("EniPrivateIpAddressQuantity", t.ipsPerEni())
                    .put("EniTotalQuantity", t.eniTotalQuantity())
                    .put("EniTrunkSupported", t.trunkSupported()));
    return doc;
  }
}
