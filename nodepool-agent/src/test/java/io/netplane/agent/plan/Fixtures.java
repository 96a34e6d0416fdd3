package io.netplane.agent.plan;

import io.netplane.agent.model.NodePoolCreate;
import io.netplane.config.model.Labels;
import io.netplane.config.model.NetworkAnnotations;
import io.netplane.config.model.NodePool;
import io.netplane.config.model.NodePoolStatus;
import io.netplane.config.model.NodeTaint;
import io.netplane.config.model.NodeView;
import io.netplane.config.model.PodView;
import io.netplane.config.model.VSwitch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builders for planner inputs. */
final class Fixtures {
  static final String ZONE_H = "cn-hangzhou-h";
  static final String ZONE_I = "cn-hangzhou-i";
  static final String ZONE_J = "cn-hangzhou-j";
  static final String VPC = "vpc-1";
  static final String NP = "np1";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final String BASE_ENI_CONF =
      "{\"vswitches\":{\""
          + ZONE_H
          + "\":[\"vsw-base-h\"],\""
          + ZONE_J
          + "\":[\"vsw-base-j\"]},\"enable_eni_trunking\":true}";

  private Fixtures() {}

  static PoolBuilder pool() {
    return new PoolBuilder();
  }

  static ObservedBuilder observed() {
    return new ObservedBuilder();
  }

  static NodeBuilder node(String name) {
    return new NodeBuilder(name);
  }

  static NodeTaint poolTaint() {
    return new NodeTaint(PoolLabels.POOL, "db", "NoSchedule");
  }

  static final class PoolBuilder {
    String name = "db";
    String nodePoolId = NP;
    NodePoolCreate create;
    Map<String, String> selector;
    List<String> podVSwitches = List.of("vsw-h", "vsw-i");
    List<String> securityGroups;
    String configMap;
    NodeTaint taint;
    Map<String, String> labels = Map.of();
    int expectedPods = 10;
    boolean adopt;

    PoolBuilder create(String name, long size, String... nodeVSwitches) {
      this.nodePoolId = null;
      this.create =
          new NodePoolCreate(name, List.of("ecs.g7.xlarge"), size, List.of(nodeVSwitches));
      return this;
    }

    PoolBuilder selector(Map<String, String> s) {
      this.nodePoolId = null;
      this.selector = s;
      return this;
    }

    PoolBuilder podVSwitches(String... ids) {
      this.podVSwitches = List.of(ids);
      return this;
    }

    PoolBuilder securityGroups(String... ids) {
      this.securityGroups = List.of(ids);
      return this;
    }

    PoolBuilder taint(NodeTaint t) {
      this.taint = t;
      return this;
    }

    PoolBuilder labels(Map<String, String> l) {
      this.labels = l;
      return this;
    }

    PoolBuilder expectedPods(int n) {
      this.expectedPods = n;
      return this;
    }

    PoolBuilder adopt() {
      this.adopt = true;
      return this;
    }

    PoolBuilder configMap(String cm) {
      this.configMap = cm;
      return this;
    }

    ResolvedPool build() {
      return new ResolvedPool(
          name,
          3L,
          nodePoolId,
          create,
          selector,
          podVSwitches,
          securityGroups,
          configMap != null ? configMap : "eni-config-" + name,
          taint != null ? taint : new NodeTaint(PoolLabels.POOL, name, "NoSchedule"),
          labels,
          expectedPods,
          adopt);
    }
  }

  static final class NodeBuilder {
    final String name;
    String zone = ZONE_H;
    final Map<String, String> labels = new TreeMap<>();
    final Map<String, String> annotations = new TreeMap<>();
    final List<NodeTaint> taints = new ArrayList<>();
    String rv = "1";

    NodeBuilder(String name) {
      this.name = name;
    }

    NodeBuilder zone(String z) {
      this.zone = z;
      return this;
    }

    NodeBuilder inPool(String np) {
      labels.put(PoolLabels.ACK_NODE_POOL_ID, np);
      return this;
    }

    NodeBuilder label(String k, String v) {
      labels.put(k, v);
      return this;
    }

    NodeBuilder annotation(String k, String v) {
      annotations.put(k, v);
      return this;
    }

    NodeBuilder taint(NodeTaint t) {
      taints.add(t);
      return this;
    }

    /** As the agent leaves a member of pool "db" with the default taint. */
    NodeBuilder configured() {
      label(PoolLabels.TERWAY_CONFIG, "eni-config-db");
      label(PoolLabels.POOL, "db");
      annotation(PoolLabels.OWNER, "db");
      annotation(PoolLabels.OWNED_LABELS, PoolLabels.POOL + "," + PoolLabels.TERWAY_CONFIG);
      annotation(PoolLabels.OWNED_TAINT, PoolLabels.POOL + "=db:NoSchedule");
      return taint(poolTaint());
    }

    ObservedNode build() {
      Map<String, String> all = new TreeMap<>(labels);
      all.put(Labels.ZONE, zone);
      NodeView v =
          new NodeView(
              name,
              zone,
              all,
              "ecs.g7.xlarge",
              all.get(Labels.TERWAY_CONFIG),
              false,
              false,
              annotations.get(Labels.TRUNK_ON),
              null,
              false,
              null,
              null,
              null,
              false);
      return new ObservedNode(v, annotations, taints, rv);
    }
  }

  static final class ObservedBuilder {
    ConfigMapState base =
        new ConfigMapState(
            Labels.BASE_ENI_CONFIG, Map.of(PoolLabels.ENI_CONF, BASE_ENI_CONF), null, null, "1");
    ConfigMapState override;
    final List<ObservedNode> nodes = new ArrayList<>();
    final List<PodView> pods = new ArrayList<>();
    NodePool nodePool = nodePool(NP, "db", Map.of(), List.of());
    final Map<String, VSwitch> vSwitches = new LinkedHashMap<>();
    String vpc = VPC;

    ObservedBuilder() {
      vSwitch("vsw-h", ZONE_H, "10.1.0.0/24", 100L);
      vSwitch("vsw-i", ZONE_I, "10.1.1.0/24", 100L);
    }

    static NodePool nodePool(
        String id, String name, Map<String, String> labels, List<NodeTaint> taints) {
      return new NodePool(
          id,
          name,
          List.of("vsw-node-h"),
          2L,
          List.of("ecs.g7.xlarge"),
          List.of(),
          labels,
          taints,
          new NodePoolStatus("active", 2, 2, 2, 0, 0, 0, 0));
    }

    ObservedBuilder base(String eniConf) {
      base =
          eniConf == null
              ? null
              : new ConfigMapState(
                  Labels.BASE_ENI_CONFIG, Map.of(PoolLabels.ENI_CONF, eniConf), null, null, "1");
      return this;
    }

    ObservedBuilder override(String eniConf, Map<String, String> annotations) {
      Map<String, String> data = new TreeMap<>();
      if (eniConf != null) {
        data.put(PoolLabels.ENI_CONF, eniConf);
      }
      override =
          new ConfigMapState(
              "eni-config-db",
              data,
              Map.of(PoolLabels.MANAGED_BY, PoolLabels.MANAGER),
              annotations,
              "7");
      return this;
    }

    ObservedBuilder override(ConfigMapState cm) {
      override = cm;
      return this;
    }

    ObservedBuilder node(NodeBuilder n) {
      nodes.add(n.build());
      return this;
    }

    ObservedBuilder pod(String node, boolean hasIp, boolean hostNetwork) {
      pods.add(
          new PodView(
              "default",
              "p" + pods.size(),
              "",
              Map.of(),
              List.of("ReplicaSet"),
              hostNetwork,
              NetworkAnnotations.NONE,
              node,
              false,
              hasIp,
              false,
              0,
              0,
              null,
              PodView.EipRequest.NONE));
      return this;
    }

    ObservedBuilder nodePool(NodePool np) {
      nodePool = np;
      return this;
    }

    ObservedBuilder vSwitch(String id, String zone, String cidr, Long free) {
      return vSwitch(id, zone, cidr, VPC, free);
    }

    ObservedBuilder vSwitch(String id, String zone, String cidr, String vpcId, Long free) {
      vSwitches.put(id, new VSwitch(id, zone, cidr, vpcId, free));
      return this;
    }

    ObservedBuilder noVSwitch(String id) {
      vSwitches.remove(id);
      return this;
    }

    ObservedBuilder vpc(String v) {
      vpc = v;
      return this;
    }

    Observed build() {
      return new Observed(base, override, nodes, pods, nodePool, vSwitches, vpc, NOW);
    }
  }

  /** The override ConfigMap exactly as the agent writes it for the default pool "db". */
  static Map<String, String> ownedAnnotations() {
    Map<String, String> a = new TreeMap<>();
    a.put(PoolLabels.OWNER, "db");
    a.put(PoolLabels.OWNED_ENI_CONF_KEYS, "vswitches");
    a.put(PoolLabels.OWNED_LABELS, PoolLabels.POOL + "," + PoolLabels.TERWAY_CONFIG);
    a.put(PoolLabels.OWNED_TAINT, PoolLabels.POOL + "=db:NoSchedule");
    return a;
  }

  /** A ConfigMap someone else made under the default pool's override name. */
  static ConfigMapState foreign(String eniConf) {
    return new ConfigMapState(
        "eni-config-db",
        eniConf == null ? Map.of("other", "x") : Map.of(PoolLabels.ENI_CONF, eniConf),
        Map.of(PoolLabels.MANAGED_BY, "Helm"),
        Map.of("meta.helm.sh/release-name", "ops"),
        "5");
  }

  static final String OWNED_ENI_CONF =
      "{\"vswitches\":{\"" + ZONE_H + "\":[\"vsw-h\"],\"" + ZONE_I + "\":[\"vsw-i\"]}}";

  /** The ACK pool as the agent leaves it for the default pool "db". */
  static NodePool syncedNodePool() {
    return ObservedBuilder.nodePool(
        NP,
        "db",
        Map.of(PoolLabels.TERWAY_CONFIG, "eni-config-db", PoolLabels.POOL, "db"),
        List.of(poolTaint()));
  }

  /** A fully converged cluster for the default pool with two members in H and I. */
  static ObservedBuilder converged() {
    return observed()
        .override(OWNED_ENI_CONF, ownedAnnotations())
        .nodePool(syncedNodePool())
        .node(node("n-h").zone(ZONE_H).inPool(NP).configured())
        .node(node("n-i").zone(ZONE_I).inPool(NP).configured());
  }
}
