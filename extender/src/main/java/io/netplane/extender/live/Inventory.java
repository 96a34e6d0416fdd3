package io.netplane.extender.live;

import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.time.Instant;
import java.util.Map;

/** The cloud side of a live snapshot: vSwitches with their free IPs, and instance types. */
public interface Inventory {
  /** vSwitches by id; whatever is missing counts as unknown, never as empty. */
  Map<String, VSwitch> vSwitches();

  Map<String, InstanceType> instanceTypes();

  /** Loaded at least once: until then the extender is not ready. */
  boolean loaded();

  /** Changes whenever the content does, so snapshots are cut again. */
  long generation();

  /**
   * When the free-IP counts were asked for: a pod that got its IP since is not in them yet. Null
   * when they are taken as current (replayed responses).
   */
  default Instant dataTakenAt() {
    return null;
  }

  /** A fixed inventory, e.g. replayed from DescribeVSwitches / DescribeInstanceTypes responses. */
  static Inventory fixed(Map<String, VSwitch> vSwitches, Map<String, InstanceType> instanceTypes) {
    Map<String, VSwitch> v = Map.copyOf(vSwitches);
    Map<String, InstanceType> t = Map.copyOf(instanceTypes);
    return new Inventory() {
      @Override
      public Map<String, VSwitch> vSwitches() {
        return v;
      }

      @Override
      public Map<String, InstanceType> instanceTypes() {
        return t;
      }

      @Override
      public boolean loaded() {
        return true;
      }

      @Override
      public long generation() {
        return 0;
      }
    };
  }
}
