package io.netplane.extender.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netplane.config.load.CloudDocuments;
import io.netplane.config.load.SnapshotLoader;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.rules.Decider;
import io.netplane.extender.cli.SnapshotOptions;
import io.netplane.extender.live.LiveCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * A snapshot of the live cluster: the kinds the extender watches (Nodes, Namespaces, Pods,
 * kube-system ConfigMaps, PodNetworkings, PodENIs), read through the user's kubeconfig and mapped
 * as a snapshot directory's files are, with the cloud inventory the running extender decides with
 * ({@code GET /inventory}) or a snapshot directory's cloud responses.
 */
final class LiveSnapshot {
  @Option(
      names = "--inventory",
      paramLabel = "DIR",
      description =
          "Take vSwitches and instance types from the DescribeVSwitches / DescribeInstanceTypes responses in DIR instead of the running extender.")
  Path inventory;

  /** Reads the cluster and the inventory; prints warnings and what was read to {@code err}. */
  Decider load(
      KubernetesClient kube, ExtenderOptions extender, SnapshotOptions options, PrintWriter err) {
    List<JsonNode> documents = new ArrayList<>();
    var serialization = kube.getKubernetesSerialization();
    read(documents, err, "v1", "Node", () -> kube.nodes().list().getItems(), serialization);
    read(
        documents,
        err,
        "v1",
        "Namespace",
        () -> kube.namespaces().list().getItems(),
        serialization);
    read(
        documents,
        err,
        "v1",
        "Pod",
        () -> kube.pods().inAnyNamespace().list().getItems(),
        serialization);
    read(
        documents,
        err,
        "v1",
        "ConfigMap",
        () -> kube.configMaps().inNamespace("kube-system").list().getItems(),
        serialization);
    String terway =
        LiveCluster.POD_NETWORKINGS.getGroup() + "/" + LiveCluster.POD_NETWORKINGS.getVersion();
    read(
        documents,
        err,
        terway,
        "PodNetworking",
        () -> kube.genericKubernetesResources(LiveCluster.POD_NETWORKINGS).list().getItems(),
        serialization);
    read(
        documents,
        err,
        terway,
        "PodENI",
        () ->
            kube.genericKubernetesResources(LiveCluster.POD_ENIS)
                .inAnyNamespace()
                .list()
                .getItems(),
        serialization);
    Inventory cloud = inventory(kube, extender, options.at());
    documents.add(cloud.document());
    String where = kube.getMasterUrl().toString();
    return options.decider(
        SnapshotLoader.fromDocuments(where, documents, options.at()),
        "document(s): the objects of " + where + " and the " + cloud.source(),
        err);
  }

  /**
   * The cloud inventory as one document of DescribeVSwitches and DescribeInstanceTypes fields.
   *
   * @param source where it comes from, for messages ("cloud inventory of ...")
   */
  record Inventory(JsonNode document, String source) {}

  /** The inventory of {@code --inventory DIR}, else the running extender's {@code /inventory}. */
  Inventory inventory(KubernetesClient kube, ExtenderOptions extender, Instant at) {
    if (inventory != null) {
      ClusterSnapshot replayed = SnapshotLoader.load(inventory, at).snapshot();
      return new Inventory(
          CloudDocuments.inventory(
              replayed.vSwitches().values(), replayed.instanceTypes().values()),
          "cloud inventory of " + inventory);
    }
    try (ExtenderConnection connection = ExtenderConnection.open(kube, extender)) {
      return new Inventory(
          connection.getJson("/inventory"), "cloud inventory of " + connection.where());
    }
  }

  /**
   * Lists one kind, giving each item the kind and apiVersion the API leaves out of list items. A
   * Terway kind whose CRD is not installed is read as none.
   */
  private static void read(
      List<JsonNode> into,
      PrintWriter err,
      String apiVersion,
      String kind,
      Supplier<List<? extends HasMetadata>> list,
      io.fabric8.kubernetes.client.utils.KubernetesSerialization serialization) {
    List<? extends HasMetadata> items;
    try {
      items = list.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 && !apiVersion.equals("v1")) {
        err.println("warning: no " + kind + " resource in the cluster (" + apiVersion + ")");
        return;
      }
      throw e;
    }
    for (HasMetadata item : items) {
      ObjectNode o = serialization.convertValue(item, ObjectNode.class);
      o.put("apiVersion", apiVersion);
      o.put("kind", kind);
      into.add(o);
    }
  }
}
