package io.netplane.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode pool(String name, String conditions) throws Exception {
    return JSON.readTree(
        "{\"metadata\":{\"name\":\""
            + name
            + "\"},\"status\":{\"conditions\":"
            + conditions
            + "}}");
  }

  @Test
  void poolConditionsAreOneGaugePerStatusFollowTheStatusAndEndWithThePool() throws Exception {
    List<JsonNode> pools = new ArrayList<>();
    pools.add(
        pool(
            "db",
            "[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"CloudError\"},"
                + "{\"type\":\"CapacitySufficient\",\"status\":\"True\"},"
                + "{\"type\":\"Invented\",\"status\":\"True\"},"
                + "{\"type\":\"NodesConfigured\",\"status\":\"maybe\"},"
                + "{\"type\":\"Ready\",\"status\":\"True\"}]"));
    pools.add(pool("web", "[{\"type\":\"Ready\",\"status\":\"True\"}]"));
    pools.add(pool("fresh", "null"));
    AgentMetrics metrics = new AgentMetrics(() -> 0, () -> 1, () -> List.copyOf(pools));

    String first = metrics.scrape();
    assertThat(first)
        .contains("netplane_agent_pool_condition{pool=\"db\",status=\"False\",type=\"Ready\"} 1.0")
        .contains("netplane_agent_pool_condition{pool=\"db\",status=\"True\",type=\"Ready\"} 0.0")
        .contains(
            "netplane_agent_pool_condition{pool=\"db\",status=\"Unknown\",type=\"Ready\"} 0.0")
        .contains(
            "netplane_agent_pool_condition{pool=\"db\",status=\"True\",type=\"CapacitySufficient\"} 1.0")
        .contains(
            "netplane_agent_pool_condition{pool=\"db\",status=\"Unknown\",type=\"NodesConfigured\"} 1.0")
        .contains("netplane_agent_pool_condition{pool=\"web\",status=\"True\",type=\"Ready\"} 1.0")
        .doesNotContain("Invented")
        .doesNotContain("status=\"maybe\"")
        .doesNotContain("pool=\"fresh\"");

    pools.remove(0);
    pools.set(0, pool("web", "[{\"type\":\"Ready\",\"status\":\"False\"}]"));
    assertThat(metrics.scrape())
        .doesNotContain("pool=\"db\"")
        .contains("netplane_agent_pool_condition{pool=\"web\",status=\"True\",type=\"Ready\"} 0.0")
        .contains(
            "netplane_agent_pool_condition{pool=\"web\",status=\"False\",type=\"Ready\"} 1.0");
    pools.clear();
    assertThat(metrics.scrape()).doesNotContain("netplane_agent_pool_condition{");
  }
}
