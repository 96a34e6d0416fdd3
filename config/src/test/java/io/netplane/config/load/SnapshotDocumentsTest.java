package io.netplane.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netplane.config.model.ClusterSnapshot;
import io.netplane.config.model.InstanceType;
import io.netplane.config.model.VSwitch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects read elsewhere (a cluster's API) are mapped as a snapshot directory's files are. */
class SnapshotDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void objectsAndOneInventoryDocumentMakeTheSnapshotADirectoryWould() throws Exception {
    VSwitch full = new VSwitch("vsw-h", "cn-hangzhou-h", "172.16.0.0/24", "vpc-1", 0L);
    VSwitch unknown = new VSwitch("vsw-i", "cn-hangzhou-i", "172.16.1.0/24", "vpc-1", null);
    InstanceType type = new InstanceType("ecs.g7.large", 3, 10, 5, true);
    List<JsonNode> documents = new ArrayList<>();
    documents.add(
        json(
            "{'apiVersion':'v1','kind':'Node','metadata':{'name':'n1','labels':"
                + "{'topology.kubernetes.io/zone':'cn-hangzhou-h'}}}"));
    documents.add(json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop'}}"));
    documents.add(
        json(
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web-0','namespace':'shop','uid':'u1'},"
                + "'spec':{'containers':[]},'status':{'phase':'Pending'}}"));
    // a PodNetworking of another API group is not Terway's
    documents.add(
        json("{'apiVersion':'example.com/v1','kind':'PodNetworking','metadata':{'name':'x'}}"));
    documents.add(CloudDocuments.inventory(List.of(unknown, full), List.of(type)));

    LoadReport report = SnapshotLoader.fromDocuments("cluster", documents, NOW);

    ClusterSnapshot s = report.snapshot();
    assertThat(s.takenAt()).isEqualTo(NOW);
    assertThat(s.nodes()).containsOnlyKeys("n1");
    assertThat(s.nodes().get("n1").zone()).isEqualTo("cn-hangzhou-h");
    assertThat(s.namespaces()).containsOnlyKeys("shop");
    assertThat(s.pod("shop", "web-0")).isNotNull();
    assertThat(s.podNetworkings()).isEmpty();
    // both cloud responses from one document, unknown free IPs staying unknown
    assertThat(s.vSwitches()).containsEntry("vsw-h", full).containsEntry("vsw-i", unknown);
    assertThat(s.instanceTypes()).containsEntry("ecs.g7.large", type);
    assertThat(report.files()).isEqualTo(5);
    assertThat(report.skipped()).containsEntry("PodNetworking", 1);
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void anObjectReadTwiceKeepsTheLastAndWarnsNamingTheSource() throws Exception {
    JsonNode first = json("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop'}}");
    JsonNode again =
        json(
            "{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'shop','labels':{'a':'b'}}}");

    LoadReport report =
        SnapshotLoader.fromDocuments("https://api.example:6443", List.of(first, again), NOW);

    assertThat(report.snapshot().namespaces().get("shop").labels()).containsEntry("a", "b");
    assertThat(report.warnings())
        .containsExactly(
            "1 object(s) defined twice in https://api.example:6443 (Namespace shop); the definition read last is used");
  }
}
