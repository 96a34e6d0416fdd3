package io.netplane.agent.kube;

import static io.netplane.agent.apply.Harness.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.netplane.agent.apply.Harness;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.model.FixedCidrPoolStatus;
import io.netplane.agent.model.PoolCondition;
import io.netplane.agent.model.PoolNodes;
import io.netplane.agent.validate.InvalidPoolException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FixedCidrPool objects: read back validated, status written without touching the spec. */
@EnableKubernetesMockClient(crud = true)
class FixedCidrPoolsIT {
  static KubernetesClient client;

  @AfterEach
  void clean() {
    client.genericKubernetesResources(FixedCidrPools.CONTEXT).delete();
  }

  void create(String yaml) {
    Harness.createPool(client, yaml);
  }

  @Test
  void statusIsReplacedAndTheSpecStays() {
    create(POOL);
    FixedCidrPools pools = new FixedCidrPools(client);
    PoolCondition ready =
        new PoolCondition(
            ConditionType.READY.value(), "True", "Ready", "ok", "2026-01-01T00:00:00Z");
    pools.writeStatus(
        "db",
        new FixedCidrPoolStatus(
            1L,
            List.of(ready),
            List.of("10.1.0.0/24"),
            "np1",
            new PoolNodes(List.of("n1"), List.of(), List.of())));
    pools.writeStatus(
        "db",
        new FixedCidrPoolStatus(
            2L,
            List.of(ready),
            List.of("10.1.0.0/24"),
            "np1",
            new PoolNodes(List.of("n1", "n2"), List.of(), List.of())));

    FixedCidrPool read = pools.get("db");
    assertThat(read.spec().podVSwitchIds()).containsExactly("vsw-h", "vsw-i");
    assertThat(read.status().observedGeneration()).isEqualTo(2L);
    assertThat(read.status().conditions()).hasSize(1);
    assertThat(read.status().nodes().configured()).containsExactly("n1", "n2");
    assertThat(pools.list()).hasSize(1);
  }

  @Test
  void anInvalidObjectIsReportedWithEveryError() {
    create(POOL.replace("expectedPods: 100", "expectedPods: 0").replace("[vsw-h, vsw-i]", "[bad]"));
    InvalidPoolException e =
        catchThrowableOfType(
            InvalidPoolException.class, () -> new FixedCidrPools(client).get("db"));
    assertThat(e.errors()).hasSize(2);
    assertThat(e.source()).isEqualTo("FixedCidrPool/db");
  }
}
