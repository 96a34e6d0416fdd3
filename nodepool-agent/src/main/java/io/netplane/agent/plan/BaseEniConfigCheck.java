package io.netplane.agent.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.kube.EniConfigs;
import java.util.ArrayList;
import java.util.List;

/**
 * The override merges onto kube-system/eni-config: say when that is missing, and when its single
 * {@code security_group} will be unioned with the pool's groups (Terway adds it to {@code
 * security_groups}; an override of the list does not remove it).
 */
final class BaseEniConfigCheck implements PlanCheck {
  @Override
  public List<Finding> check(PlanContext ctx) {
    ConfigMapState cm = ctx.observed.baseEniConfig();
    List<Finding> out = new ArrayList<>();
    String conf = cm == null ? null : cm.data().get(PoolLabels.ENI_CONF);
    if (conf == null) {
      out.add(
          new Finding(
              FindingId.BASE_ENI_CONFIG_MISSING,
              "kube-system/eni-config",
              "no base eni_conf; Terway needs it and the override is merged onto it"));
      return out;
    }
    if (ctx.pool.securityGroupIds() == null) {
      return out;
    }
    try {
      JsonNode base = EniConfigs.parse(cm.name(), conf);
      String single = base.path("security_group").asText("");
      if (!single.isEmpty() && !ctx.pool.securityGroupIds().contains(single)) {
        out.add(
            new Finding(
                FindingId.BASE_SECURITY_GROUP_UNIONED,
                single,
                "base eni-config security_group "
                    + single
                    + " is added to the pool's security groups by Terway"));
      }
    } catch (IllegalArgumentException e) {
      out.add(
          new Finding(FindingId.BASE_ENI_CONFIG_MISSING, "kube-system/eni-config", e.getMessage()));
    }
    return out;
  }
}
