package io.netplane.config.cloud;

import com.aliyun.cs20151215.models.CreateClusterNodePoolRequest;
import com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody;
import com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody.DescribeClusterNodePoolsResponseBodyNodepools;
import com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest;
import com.aliyun.cs20151215.models.Tag;
import com.aliyun.cs20151215.models.Taint;
import com.aliyun.tea.TeaModel;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolStatus;
import io.netplane.config.model.NodePoolUpdate;
import io.netplane.config.model.NodeTaint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link NodePools} over cs20151215 (ROA: /clusters/{cid}/nodepools[/{npid}]). */
final class SdkNodePools implements NodePools {
  private final com.aliyun.cs20151215.Client cs;

  SdkNodePools(com.aliyun.cs20151215.Client cs) {
    this.cs = cs;
  }

  @Override
  public List<NodePool> describeNodePools(String clusterId) {
    try {
      return nodePools(cs.describeClusterNodePools(clusterId).getBody());
    } catch (Exception e) {
      throw CloudException.from("DescribeClusterNodePools", e);
    }
  }

  @Override
  public NodePool describeNodePool(String clusterId, String nodePoolId) {
    try {
      var body = cs.describeClusterNodePoolDetail(clusterId, nodePoolId).getBody();
      // The detail body has the same JSON shape as one element of the list response but its own
      // generated classes; going through the wire map keeps a single mapping.
      var asListElement = new DescribeClusterNodePoolsResponseBodyNodepools();
      return toNodePool(TeaModel.toModel(body.toMap(), asListElement));
    } catch (Exception e) {
      throw CloudException.from("DescribeClusterNodePoolDetail", e);
    }
  }

  @Override
  public String createNodePool(String clusterId, NodePoolSpec spec) {
    var scaling =
        new CreateClusterNodePoolRequest.CreateClusterNodePoolRequestScalingGroup()
            .setVswitchIds(spec.vSwitchIds())
            .setInstanceTypes(spec.instanceTypes())
            .setDesiredSize(spec.desiredSize());
    if (!spec.securityGroupIds().isEmpty()) {
      scaling.setSecurityGroupIds(spec.securityGroupIds());
    }
    var request =
        new CreateClusterNodePoolRequest()
            // "ess": a pool backed by an auto scaling group, sized by desired_size
            .setNodepoolInfo(
                new CreateClusterNodePoolRequest.CreateClusterNodePoolRequestNodepoolInfo()
                    .setName(spec.name())
                    .setType("ess"))
            .setScalingGroup(scaling)
            // labels and taints in kubernetes_config, so that new nodes register with them
            .setKubernetesConfig(
                new CreateClusterNodePoolRequest.CreateClusterNodePoolRequestKubernetesConfig()
                    .setLabels(tags(spec.labels()))
                    .setTaints(taints(spec.taints())));
    try {
      return cs.createClusterNodePool(clusterId, request).getBody().getNodepoolId();
    } catch (Exception e) {
      throw CloudException.from("CreateClusterNodePool", e);
    }
  }

  @Override
  public String modifyNodePool(String clusterId, String nodePoolId, NodePoolUpdate update) {
    var request = new ModifyClusterNodePoolRequest();
    if (update.vSwitchIds() != null
        || update.instanceTypes() != null
        || update.desiredSize() != null) {
      var scaling = new ModifyClusterNodePoolRequest.ModifyClusterNodePoolRequestScalingGroup();
      scaling.setVswitchIds(update.vSwitchIds());
      scaling.setInstanceTypes(update.instanceTypes());
      scaling.setDesiredSize(update.desiredSize());
      request.setScalingGroup(scaling);
    }
    if (update.labels() != null || update.taints() != null) {
      var kube = new ModifyClusterNodePoolRequest.ModifyClusterNodePoolRequestKubernetesConfig();
      if (update.labels() != null) {
        kube.setLabels(tags(update.labels()));
      }
      if (update.taints() != null) {
        kube.setTaints(taints(update.taints()));
      }
      request.setKubernetesConfig(kube);
    }
    request.setUpdateNodes(update.updateNodes());
    try {
      return cs.modifyClusterNodePool(clusterId, nodePoolId, request).getBody().getTaskId();
    } catch (Exception e) {
      throw CloudException.from("ModifyClusterNodePool", e);
    }
  }

  /** The pools of a DescribeClusterNodePools response, live or recorded ({@link RecordedCloud}). */
  static List<NodePool> nodePools(DescribeClusterNodePoolsResponseBody body) {
    List<NodePool> pools = new ArrayList<>();
    if (body.getNodepools() != null) {
      body.getNodepools().forEach(p -> pools.add(toNodePool(p)));
    }
    return List.copyOf(pools);
  }

  private static NodePool toNodePool(DescribeClusterNodePoolsResponseBodyNodepools p) {
    var info = p.getNodepoolInfo();
    var scaling = p.getScalingGroup();
    var kube = p.getKubernetesConfig();
    var status = p.getStatus();
    Map<String, String> labels = new LinkedHashMap<>();
    List<NodeTaint> taints = new ArrayList<>();
    if (kube != null && kube.getLabels() != null) {
      kube.getLabels()
          .forEach(l -> labels.put(l.getKey(), l.getValue() == null ? "" : l.getValue()));
    }
    if (kube != null && kube.getTaints() != null) {
      for (Taint t : kube.getTaints()) {
        taints.add(new NodeTaint(t.getKey(), t.getValue(), orEmpty(t.getEffect())));
      }
    }
    return new NodePool(
        info == null ? null : info.getNodepoolId(),
        info == null ? null : info.getName(),
        scaling == null ? List.of() : orEmpty(scaling.getVswitchIds()),
        scaling == null ? null : scaling.getDesiredSize(),
        scaling == null ? List.of() : orEmpty(scaling.getInstanceTypes()),
        scaling == null ? List.of() : orEmpty(scaling.getSecurityGroupIds()),
        labels,
        taints,
        status == null
            ? new NodePoolStatus(null, 0, 0, 0, 0, 0, 0, 0)
            : new NodePoolStatus(
                status.getState(),
                n(status.getTotalNodes()),
                n(status.getHealthyNodes()),
                n(status.getServingNodes()),
                n(status.getFailedNodes()),
                n(status.getInitialNodes()),
                n(status.getOfflineNodes()),
                n(status.getRemovingNodes())));
  }

  private static List<Tag> tags(Map<String, String> labels) {
    List<Tag> tags = new ArrayList<>();
    labels.forEach((k, v) -> tags.add(new Tag().setKey(k).setValue(v)));
    return tags;
  }

  private static List<Taint> taints(List<NodeTaint> taints) {
    List<Taint> out = new ArrayList<>();
    taints.forEach(
        t -> out.add(new Taint().setKey(t.key()).setValue(t.value()).setEffect(t.effect())));
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static long n(Long v) {
    return v == null ? 0 : v;
  }
}
