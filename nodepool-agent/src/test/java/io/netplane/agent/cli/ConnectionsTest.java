package io.netplane.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client factory honours --kubeconfig and --context (no API server is contacted). */
class ConnectionsTest {
  static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      current-context: staging
      clusters:
      - name: staging
        cluster: {server: "https://staging.example:6443"}
      - name: prod
        cluster: {server: "https://prod.example:6443"}
      users:
      - name: me
        user: {token: t}
      contexts:
      - name: staging
        context: {cluster: staging, user: me, namespace: apps}
      - name: prod
        context: {cluster: prod, user: me}
      """;

  @TempDir Path dir;

  @Test
  void theContextPicksTheClusterAndWithoutOneTheCurrentContextDoes() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
    try (KubernetesClient current = Connections.REAL.kubernetes(kubeconfig, null);
        KubernetesClient prod = Connections.REAL.kubernetes(kubeconfig, "prod")) {
      assertThat(current.getConfiguration().getMasterUrl())
          .startsWith("https://staging.example:6443");
      assertThat(prod.getConfiguration().getMasterUrl()).startsWith("https://prod.example:6443");
    }
  }

  @Test
  void anUnknownContextIsAClearError() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), KUBECONFIG);
    assertThatThrownBy(() -> Connections.REAL.kubernetes(kubeconfig, "qa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--context qa: no such context in " + kubeconfig);
  }
}
