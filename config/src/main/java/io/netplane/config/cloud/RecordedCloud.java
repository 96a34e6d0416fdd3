package io.netplane.config.cloud;

import com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody;
import com.aliyun.tea.TeaModel;
import com.aliyun.teautil.Common;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.load.SnapshotLoadException;
import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolSpec;
import io.netplane.config.model.NodePoolUpdate;
import io.netplane.config.model.VSwitch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The cloud as recorded in a directory of OpenAPI responses, read-only: DescribeVSwitches and
 * DescribeInstanceTypes responses (read by {@link SnapshotLoader}, as the extender's static
 * snapshot reads them) and DescribeClusterNodePools responses, each with a top-level {@code
 * "cluster_id"} naming its cluster (the real response does not carry it). Files are recognised by
 * content. Used to plan without a cloud and to seed the local fake OpenAPI server.
 */
public final class RecordedCloud implements CloudInventory, NodePools {
  private static final ObjectMapper JSON = new ObjectMapper();

  // sorted by id, so that answers come in the same order every time
  private final Map<String, VSwitch> vSwitches;
  private final Map<String, InstanceType> instanceTypes;
  private final Map<String, List<NodePool>> clusters;

  private RecordedCloud(
      Map<String, VSwitch> vSwitches,
      Map<String, InstanceType> instanceTypes,
      Map<String, List<NodePool>> clusters) {
    this.vSwitches = vSwitches;
    this.instanceTypes = instanceTypes;
    this.clusters = clusters;
  }

  /**
   * Reads every {@code .json}/{@code .yaml}/{@code .yml} file under {@code dir}.
   *
   * @throws SnapshotLoadException naming the file when one cannot be read or is malformed
   */
  public static RecordedCloud load(Path dir) {
    ClusterSnapshot recorded = SnapshotLoader.load(dir, Instant.EPOCH).snapshot();
    Map<String, List<NodePool>> clusters = new LinkedHashMap<>();
    for (Path file : jsonFiles(dir)) {
      readNodePools(file, clusters);
    }
    return new RecordedCloud(
        new TreeMap<>(recorded.vSwitches()), new TreeMap<>(recorded.instanceTypes()), clusters);
  }

  /** vSwitches by id. */
  public Map<String, VSwitch> vSwitches() {
    return Map.copyOf(vSwitches);
  }

  /** Instance types by id. */
  public Map<String, InstanceType> instanceTypes() {
    return Map.copyOf(instanceTypes);
  }

  /** Node pools by cluster id; a cluster recorded with no pool maps to an empty list. */
  public Map<String, List<NodePool>> clusters() {
    return Map.copyOf(clusters);
  }

  @Override
  public List<VSwitch> describeVSwitches(String vpcId, Collection<String> vSwitchIds) {
    return vSwitches.values().stream()
        .filter(v -> vpcId == null || vpcId.equals(v.vpcId()))
        .filter(v -> vSwitchIds.isEmpty() || vSwitchIds.contains(v.id()))
        .toList();
  }

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    return instanceTypes.values().stream().filter(t -> instanceTypeIds.contains(t.id())).toList();
  }

  @Override
  public List<NodePool> describeNodePools(String clusterId) {
    return cluster("DescribeClusterNodePools", clusterId);
  }

  @Override
  public NodePool describeNodePool(String clusterId, String nodePoolId) {
    return cluster("DescribeClusterNodePoolDetail", clusterId).stream()
        .filter(p -> nodePoolId.equals(p.id()))
        .findFirst()
        .orElseThrow(
            () ->
                notFound(
                    "DescribeClusterNodePoolDetail",
                    "ErrorNodePoolNotFound",
                    "node pool " + nodePoolId + " is not recorded for cluster " + clusterId));
  }

  @Override
  public String createNodePool(String clusterId, NodePoolSpec spec) {
    throw readOnly("CreateClusterNodePool");
  }

  @Override
  public String modifyNodePool(String clusterId, String nodePoolId, NodePoolUpdate update) {
    throw readOnly("ModifyClusterNodePool");
  }

  private List<NodePool> cluster(String action, String clusterId) {
    List<NodePool> pools = clusters.get(clusterId);
    if (pools == null) {
      throw notFound(
          action,
          "ErrorClusterNotFound",
          "no DescribeClusterNodePools response with cluster_id " + clusterId + " is recorded");
    }
    return pools;
  }

  private static CloudException notFound(String action, String code, String message) {
    return new CloudException(action, code, message, null, 404, false, null);
  }

  private static CloudException readOnly(String action) {
    return new CloudException(
        action,
        CloudException.CLIENT_ERROR,
        "recorded responses are read-only",
        null,
        0,
        false,
        null);
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds the pools of {@code file} when it is a DescribeClusterNodePools response. */
  private static void readNodePools(Path file, Map<String, List<NodePool>> clusters) {
    byte[] bytes;
    JsonNode doc;
    try {
      bytes = Files.readAllBytes(file);
      doc = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new SnapshotLoadException(file, e.getMessage(), e);
    }
    if (doc == null || !doc.path("nodepools").isArray()) {
      return;
    }
    String clusterId = doc.path("cluster_id").asText("");
    if (clusterId.isBlank()) {
      throw new SnapshotLoadException(
          file, "a DescribeClusterNodePools response needs a top-level \"cluster_id\"", null);
    }
    if (clusters.containsKey(clusterId)) {
      throw new SnapshotLoadException(file, "cluster " + clusterId + " is recorded twice", null);
    }
    List<NodePool> pools;
    try {
      // the SDK's own JSON reading and mapping, so a recorded response reads as a live one does
      Map<String, ?> wire = Common.assertAsMap(Common.readAsJSON(new ByteArrayInputStream(bytes)));
      pools =
          SdkNodePools.nodePools(
              TeaModel.toModel(wire, new DescribeClusterNodePoolsResponseBody()));
    } catch (Exception e) {
      throw new SnapshotLoadException(
          file, "not a DescribeClusterNodePools response: " + e.getMessage(), e);
    }
    for (NodePool p : pools) {
      if (p.id() == null || p.id().isBlank()) {
        throw new SnapshotLoadException(
            file, "a node pool without nodepool_info.nodepool_id", null);
      }
    }
    clusters.put(clusterId, pools);
  }
}
