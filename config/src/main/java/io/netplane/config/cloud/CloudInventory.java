package io.netplane.config.cloud;

import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.util.Collection;
import java.util.List;

/**
 * The cloud facts the decision core needs: vSwitches (zone, CIDR, free IPs) and instance-type ENI
 * limits. Calls are blocking and do not retry: callers run them off the event loop and own the
 * backoff policy ({@link CloudException#retryable()}, {@link CloudException#throttled()}).
 */
public interface CloudInventory {

  /**
   * vSwitches of {@code vpcId} (all of the region when null), restricted to {@code vSwitchIds} when
   * that is not empty. Unknown ids are simply absent from the result.
   *
   * @throws CloudException when any page fails
   */
  List<VSwitch> describeVSwitches(String vpcId, Collection<String> vSwitchIds);

  /**
   * ENI limits of the given instance types; unknown types are absent. An empty collection gives an
   * empty list (never the whole catalogue).
   *
   * @throws CloudException when any page fails
   */
  List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds);
}
