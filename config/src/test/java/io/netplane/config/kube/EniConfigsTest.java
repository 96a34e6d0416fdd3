package io.netplane.config.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.config.model.EniConfig;
import io.netplane.config.model.SelectionPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN 2.2: eni_conf keys and the override merge. */
class EniConfigsTest {
  static final String BASE =
      """
      {"version": "1",
       "vswitches": {"cn-hangzhou-h": ["vsw-h1", "vsw-h2"], "cn-hangzhou-i": ["vsw-i"]},
       "security_group": "sg-a",
       "security_groups": ["sg-a", "sg-b"],
       "vswitch_selection_policy": "ordered",
       "enable_eni_trunking": true,
       "custom_stateful_workload_kinds": ["CloneSet"],
       "max_eni": 4,
       "eni_cap_ratio": 0.5,
       "eni_cap_shift": 1,
       "ip_stack": "dual"}
      """;

  @Test
  void readsThePlacementRelevantKeys() {
    EniConfig c = EniConfigs.of("eni-config", EniConfigs.parse("eni-config", BASE));

    assertThat(c.name()).isEqualTo("eni-config");
    assertThat(c.vSwitches())
        .isEqualTo(
            Map.of(
                "cn-hangzhou-h", List.of("vsw-h1", "vsw-h2"), "cn-hangzhou-i", List.of("vsw-i")));
    assertThat(c.vSwitchesIn("cn-hangzhou-h")).containsExactly("vsw-h1", "vsw-h2");
    assertThat(c.vSwitchesIn("cn-hangzhou-k")).isEmpty();
    assertThat(c.vSwitchesIn(null)).isEmpty();
    assertThat(c.securityGroups()).containsExactly("sg-a", "sg-b");
    assertThat(c.selectionPolicy()).isEqualTo(SelectionPolicy.MOST);
    assertThat(c.trunking()).isTrue();
    assertThat(c.statefulWorkloadKinds()).containsExactly("CloneSet");
    assertThat(c.maxEni()).isEqualTo(4);
    assertThat(c.eniCapRatio()).isEqualTo(0.5);
    assertThat(c.eniCapShift()).isEqualTo(1);
    assertThat(c.ipStack()).isEqualTo("dual");
  }

  @Test
  void defaultsOfAnEmptyConfig() {
    EniConfig c = EniConfigs.of("eni-config", EniConfigs.parse("eni-config", "{}"));

    assertThat(c.vSwitches()).isEmpty();
    assertThat(c.securityGroups()).isEmpty();
    assertThat(c.selectionPolicy()).isEqualTo(SelectionPolicy.RANDOM);
    assertThat(c.trunking()).isFalse();
    assertThat(c.maxEni()).isNull();
    assertThat(c.eniCapRatio()).isEqualTo(1.0);
    assertThat(c.eniCapShift()).isZero();
    assertThat(c.ipStack()).isEqualTo("ipv4");
  }

  @ParameterizedTest(name = "eni-config vswitch_selection_policy \"{0}\" -> {1}")
  @CsvSource({"ordered,MOST", "most,RANDOM", "random,RANDOM", "Ordered,RANDOM", "'',RANDOM"})
  void onlyTheExactStringOrderedMeansMostFreeIps(String configured, SelectionPolicy applied) {
    EniConfig c =
        EniConfigs.of(
            "c", EniConfigs.parse("c", "{\"vswitch_selection_policy\":\"" + configured + "\"}"));

    assertThat(c.selectionPolicy()).isEqualTo(applied);
  }

  @ParameterizedTest(name = "PodNetworking vSwitchSelectionPolicy \"{0}\" -> {1}")
  @CsvSource({"ordered,ORDERED", "most,MOST", "random,RANDOM", "'',ORDERED"})
  void podNetworkingPoliciesKeepTheirMeaning(String configured, SelectionPolicy applied) {
    assertThat(SelectionPolicy.fromPodNetworking(configured)).isEqualTo(applied);
  }

  @Test
  void overrideIsMergedAsAJsonMergePatch() {
    JsonNode base = EniConfigs.parse("eni-config", BASE);
    JsonNode override =
        EniConfigs.parse(
            "eni-config-pool",
            """
            {"vswitches": {"cn-hangzhou-h": ["vsw-pool"], "cn-hangzhou-i": null},
             "security_group": null,
             "security_groups": ["sg-pool"],
             "enable_eni_trunking": false,
             "custom_stateful_workload_kinds": []}
            """);

    EniConfig c = EniConfigs.merged(base, "eni-config-pool", override);

    assertThat(c.name()).isEqualTo("eni-config-pool");
    assertThat(c.vSwitches()).isEqualTo(Map.of("cn-hangzhou-h", List.of("vsw-pool")));
    assertThat(c.securityGroups()).containsExactly("sg-pool");
    assertThat(c.trunking()).isFalse();
    assertThat(c.statefulWorkloadKinds()).isEmpty();
    assertThat(c.maxEni()).isEqualTo(4);
    assertThat(c.selectionPolicy()).isEqualTo(SelectionPolicy.MOST);
  }

  @Test
  void invalidJsonNamesTheConfigMap() {
    assertThatThrownBy(() -> EniConfigs.parse("kube-system/eni-config", "{\"vswitches\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kube-system/eni-config");
    assertThatThrownBy(() -> EniConfigs.parse("kube-system/eni-config", "[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kube-system/eni-config");
  }
}
