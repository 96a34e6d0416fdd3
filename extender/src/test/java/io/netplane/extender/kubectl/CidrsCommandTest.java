package io.netplane.extender.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.netplane.config.load.CloudDocuments;
import io.netplane.config.model.VSwitch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kubectl netplane cidrs} against fabric8's mock API server, which also stands in for the
 * extender's {@code GET /inventory} (reached with {@code --extender-url}).
 */
class CidrsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POOLS = "/apis/netplane.io/v1alpha1/fixedcidrpools";

  /** Pool "web" has vSwitches the inventory knows; "batch" one it lacks (only its status). */
  private static final String TWO_POOLS =
      """
      {"apiVersion": "netplane.io/v1alpha1", "kind": "FixedCidrPoolList", "metadata": {},
       "items": [
        {"apiVersion": "netplane.io/v1alpha1", "kind": "FixedCidrPool",
         "metadata": {"name": "web"},
         "spec": {"podVSwitchIds": ["vsw-k", "vsw-j"]},
         "status": {"whitelistCidrs": ["10.0.0.0/8"]}},
        {"apiVersion": "netplane.io/v1alpha1", "kind": "FixedCidrPool",
         "metadata": {"name": "batch"},
         "spec": {"podVSwitchIds": ["vsw-k", "vsw-gone"]},
         "status": {"whitelistCidrs": ["10.9.0.0/24", "10.1.0.0/24"]}}
       ]}
      """;

  private KubernetesMockServer server;
  private final List<String> inventoryAsked = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path tmp;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    String inventory =
        CloudDocuments.inventory(
                List.of(
                    new VSwitch("vsw-j", "cn-hangzhou-j", "10.2.0.0/24", "vpc-1", 10L),
                    new VSwitch("vsw-k", "cn-hangzhou-k", "10.1.0.0/24", "vpc-1", null)),
                List.of())
            .toString();
    server
        .expect()
        .get()
        .withPath("/inventory")
        .andReply(
            200,
            request -> {
              inventoryAsked.add(request.getPath());
              return inventory;
            })
        .always();
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  private int run(String... args) throws Exception {
    Path kubeconfig = PortForwardTest.kubeconfig(tmp, server.getPort());
    CommandLine cl = KubectlNetplane.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("cidrs", "--kubeconfig", kubeconfig.toString()));
    all.addAll(List.of("--extender-url", "http://127.0.0.1:" + server.getPort()));
    all.addAll(List.of(args));
    return cl.execute(all.toArray(String[]::new));
  }

  private void pools(int status, String body) {
    server.expect().get().withPath(POOLS).andReturn(status, body).always();
  }

  @Test
  void aTableOfTheInventorysCidrsAndTheStatusOfAPoolWhoseVSwitchItLacks() throws Exception {
    pools(200, TWO_POOLS);

    assertThat(run()).as(err.toString()).isZero();

    assertThat(out.toString())
        .isEqualTo(
            """
            POOL   CIDR
            web    10.1.0.0/24
            web    10.2.0.0/24
            batch  10.9.0.0/24
            batch  10.1.0.0/24
            """);
    assertThat(err.toString())
        .isEqualTo(
            "warning: pool batch: vSwitch(es) [vsw-gone] not in the cloud inventory of http://127.0.0.1:"
                + server.getPort()
                + "; printing its status.whitelistCidrs\n");
    assertThat(inventoryAsked).containsExactly("/inventory");
  }

  @Test
  void jsonHasTheAgentsFields() throws Exception {
    pools(200, TWO_POOLS);

    assertThat(run("-o", "json")).as(err.toString()).isZero();

    JsonNode json = JSON.readTree(out.toString());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).toString())
        .isEqualTo(
            "{\"pool\":\"web\",\"cidrs\":[\"10.1.0.0/24\",\"10.2.0.0/24\"],\"vSwitches\":["
                + "{\"id\":\"vsw-k\",\"zone\":\"cn-hangzhou-k\",\"cidr\":\"10.1.0.0/24\"},"
                + "{\"id\":\"vsw-j\",\"zone\":\"cn-hangzhou-j\",\"cidr\":\"10.2.0.0/24\"}]}");
    assertThat(json.get(1).toString())
        .isEqualTo(
            "{\"pool\":\"batch\",\"cidrs\":[\"10.9.0.0/24\",\"10.1.0.0/24\"],\"vSwitches\":[]}");
    assertThat(err.toString()).contains("pool batch: vSwitch(es) [vsw-gone]");
  }

  @Test
  void wideNamesEachCidrsVSwitchAndZone() throws Exception {
    pools(200, TWO_POOLS);

    assertThat(run("-o", "wide")).as(err.toString()).isZero();

    assertThat(out.toString())
        .isEqualTo(
            """
            POOL   CIDR         VSWITCH  ZONE
            web    10.1.0.0/24  vsw-k    cn-hangzhou-k
            web    10.2.0.0/24  vsw-j    cn-hangzhou-j
            batch  10.9.0.0/24  -        -
            batch  10.1.0.0/24  -        -
            """);
  }

  @Test
  void inventoryDirReplacesTheExtender() throws Exception {
    pools(200, TWO_POOLS);
    Path dir = Files.createDirectories(tmp.resolve("snapshot"));
    Files.writeString(
        dir.resolve("vswitches.json"),
        CloudDocuments.inventory(
                List.of(new VSwitch("vsw-gone", "cn-hangzhou-i", "10.3.0.0/24", "vpc-1", null)),
                List.of())
            .toString());

    assertThat(run("--inventory", dir.toString())).as(err.toString()).isZero();

    assertThat(out.toString())
        .isEqualTo(
            """
            POOL   CIDR
            web    10.0.0.0/8
            batch  10.9.0.0/24
            batch  10.1.0.0/24
            """);
    assertThat(err.toString())
        .contains("pool web: vSwitch(es) [vsw-k, vsw-j] not in the cloud inventory of " + dir)
        .contains("pool batch: vSwitch(es) [vsw-k] not in");
    assertThat(inventoryAsked).isEmpty();
  }

  @Test
  void noPoolsAsksNoExtender() throws Exception {
    pools(
        200,
        "{\"apiVersion\":\"netplane.io/v1alpha1\",\"kind\":\"FixedCidrPoolList\",\"items\":[]}");

    assertThat(run()).as(err.toString()).isZero();

    assertThat(out.toString()).isEqualTo("POOL  CIDR\n");
    assertThat(inventoryAsked).isEmpty();
  }

  @Test
  void aClusterWithoutTheCrdIsAClearError() throws Exception {
    pools(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}");

    assertThat(run()).isEqualTo(1);

    assertThat(err.toString()).isEqualTo("error: the FixedCidrPool CRD is not installed\n");
    assertThat(out.toString()).isEmpty();
  }
}
