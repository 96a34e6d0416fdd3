package io.netplane.config.rules;

import io.netplane.config.model.EniConfig;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodeView;

/** What a node offers as Terway computes it from its annotations, eni-config and instance type. */
final class TerwayNodeLimits {
  private TerwayNodeLimits() {}

  /** Whether the node can have trunk member ENIs; null when unknown. */
  static Boolean trunkCapable(NodeView n, EniConfig config, InstanceType type) {
    if (n.eniOnly() || (config != null && !config.trunking())) {
      return false;
    }
    if (n.trunkEniId() != null) {
      return true;
    }
    return type == null ? null : type.memberEniLimit() > 0;
  }

  /**
   * The annotation Terway writes, else Terway's formula: {@code (int(EniQuantity * eni_cap_ratio) +
   * eni_cap_shift - 1)} ENIs, capped by {@code max_eni}, times IPs per ENI. Null when unknown.
   */
  static Integer sharedCapacity(NodeView n, EniConfig config, InstanceType type) {
    if (n.maxAvailableIp() != null) {
      return n.maxAvailableIp();
    }
    if (type == null) {
      return null;
    }
    double ratio = config == null ? 1 : config.eniCapRatio();
    int shift = config == null ? 0 : config.eniCapShift();
    int enis = (int) (type.eniQuantity() * ratio) + shift - 1;
    if (config != null && config.maxEni() != null && config.maxEni() > 0) {
      enis = Math.min(enis, config.maxEni());
    }
    return Math.max(0, enis) * type.ipsPerEni();
  }
}
