package io.netplane.config.cloud;

import com.aliyun.ecs20140526.models.DescribeInstanceTypesRequest;
import com.aliyun.ecs20140526.models.DescribeInstanceTypesResponseBody;
import com.aliyun.vpc20160428.models.DescribeVSwitchesRequest;
import com.aliyun.vpc20160428.models.DescribeVSwitchesResponseBody;
import com.aliyun.vpc20160428.models.DescribeVSwitchesResponseBody.DescribeVSwitchesResponseBodyVSwitchesVSwitch;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link CloudInventory} over vpc20160428 DescribeVSwitches, ecs20140526 DescribeInstanceTypes. */
final class SdkCloudInventory implements CloudInventory {
  /** DescribeVSwitches' maximum PageSize. */
  static final int VSWITCH_PAGE_SIZE = 50;

  /** DescribeInstanceTypes accepts InstanceTypes.1 to InstanceTypes.10. */
  static final int INSTANCE_TYPES_PER_CALL = 10;

  private final com.aliyun.vpc20160428.Client vpc;
  private final com.aliyun.ecs20140526.Client ecs;
  private final String regionId;

  SdkCloudInventory(
      com.aliyun.vpc20160428.Client vpc, com.aliyun.ecs20140526.Client ecs, String regionId) {
    this.vpc = vpc;
    this.ecs = ecs;
    this.regionId = regionId;
  }

  @Override
  public List<VSwitch> describeVSwitches(String vpcId, Collection<String> vSwitchIds) {
    Set<String> wanted = ids(vSwitchIds);
    Map<String, VSwitch> found = new LinkedHashMap<>();
    if (vpcId == null && !wanted.isEmpty()) {
      // The VSwitchId parameter takes a single id. Without a VPC to list, one call per id is
      // cheaper than paging through every vSwitch of the region.
      for (String id : wanted) {
        pageVSwitches(null, id, found);
      }
    } else {
      // With a VPC, list it (usually one or two pages) and keep the wanted ones.
      pageVSwitches(vpcId, null, found);
      if (!wanted.isEmpty()) {
        found.keySet().retainAll(wanted);
      }
    }
    return List.copyOf(found.values());
  }

  private void pageVSwitches(String vpcId, String vSwitchId, Map<String, VSwitch> into) {
    int page = 1;
    while (true) {
      var request =
          new DescribeVSwitchesRequest()
              .setRegionId(regionId)
              .setVpcId(vpcId)
              .setVSwitchId(vSwitchId)
              .setPageNumber(page)
              .setPageSize(VSWITCH_PAGE_SIZE);
      DescribeVSwitchesResponseBody body;
      try {
        body = vpc.describeVSwitches(request).getBody();
      } catch (Exception e) {
        throw CloudException.from("DescribeVSwitches", e);
      }
      List<DescribeVSwitchesResponseBodyVSwitchesVSwitch> items =
          body.getVSwitches() == null || body.getVSwitches().getVSwitch() == null
              ? List.of()
              : body.getVSwitches().getVSwitch();
      for (var v : items) {
        into.put(
            v.getVSwitchId(),
            new VSwitch(
                v.getVSwitchId(),
                v.getZoneId(),
                v.getCidrBlock(),
                v.getVpcId(),
                v.getAvailableIpAddressCount()));
      }
      int total = body.getTotalCount() == null ? 0 : body.getTotalCount();
      // an empty page also ends the loop, so a wrong TotalCount cannot make it spin forever
      if (items.isEmpty() || (long) page * VSWITCH_PAGE_SIZE >= total) {
        return;
      }
      page++;
    }
  }

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    List<String> wanted = new ArrayList<>(ids(instanceTypeIds));
    Map<String, InstanceType> found = new LinkedHashMap<>();
    for (int from = 0; from < wanted.size(); from += INSTANCE_TYPES_PER_CALL) {
      List<String> batch =
          wanted.subList(from, Math.min(wanted.size(), from + INSTANCE_TYPES_PER_CALL));
      pageInstanceTypes(batch, found);
    }
    return List.copyOf(found.values());
  }

  private void pageInstanceTypes(List<String> batch, Map<String, InstanceType> into) {
    String token = null;
    Set<String> seenTokens = new HashSet<>();
    do {
      var request = new DescribeInstanceTypesRequest().setInstanceTypes(List.copyOf(batch));
      if (token != null) {
        request.setNextToken(token);
      }
      DescribeInstanceTypesResponseBody body;
      try {
        body = ecs.describeInstanceTypes(request).getBody();
      } catch (Exception e) {
        throw CloudException.from("DescribeInstanceTypes", e);
      }
      if (body.getInstanceTypes() != null && body.getInstanceTypes().getInstanceType() != null) {
        for (var t : body.getInstanceTypes().getInstanceType()) {
          into.put(
              t.getInstanceTypeId(),
              new InstanceType(
                  t.getInstanceTypeId(),
                  orZero(t.getEniQuantity()),
                  orZero(t.getEniPrivateIpAddressQuantity()),
                  orZero(t.getEniTotalQuantity()),
                  Boolean.TRUE.equals(t.getEniTrunkSupported())));
        }
      }
      token = body.getNextToken();
      if (token != null && !seenTokens.add(token)) {
        throw new CloudException(
            "DescribeInstanceTypes",
            CloudException.CLIENT_ERROR,
            "NextToken " + token + " repeated; stopping instead of looping",
            body.getRequestId(),
            0,
            false,
            null);
      }
    } while (token != null && !token.isEmpty());
  }

  private static Set<String> ids(Collection<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    if (ids != null) {
      for (String id : ids) {
        if (id != null && !id.isBlank()) {
          out.add(id);
        }
      }
    }
    return out;
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
