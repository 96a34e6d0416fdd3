package io.netplane.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's 200-node rollout, checked for correctness only: timing on shared machines is for
 * the benchmark command to report, never for a test to assert.
 */
@EnableKubernetesMockClient(crud = true)
class ApplyBenchIT {
  static KubernetesClient client;

  @Test
  void twoHundredNodesAreConfiguredInOneApply() {
    ApplyBench.Result r = ApplyBench.run(client, ApplyBench.NODES);
    assertThat(r.converged()).isTrue();
    assertThat(r.steps()).isEqualTo(ApplyBench.NODES + 2);
  }
}
