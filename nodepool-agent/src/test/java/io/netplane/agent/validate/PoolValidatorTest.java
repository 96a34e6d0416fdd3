package io.netplane.agent.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.netplane.agent.cli.PoolDocuments;
import io.netplane.agent.model.FixedCidrPool;
import io.netplane.agent.plan.ResolvedPool;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolValidatorTest {
  static final String VALID =
      """
      apiVersion: netplane.io/v1alpha1
      kind: FixedCidrPool
      metadata:
        name: db-clients
      spec:
        nodePool:
          id: np1234abcd
        podVSwitchIds: [vsw-fixed-h, vsw-fixed-i]
        securityGroupIds: [sg-pool]
        taint: {key: dedicated, value: db, effect: NoSchedule}
        labels: {team: db}
        expectedPods: 40
      """;

  static JsonNode doc(String yaml) {
    return PoolDocuments.parse("test", yaml).get(0);
  }

  /** VALID with one line replaced. */
  static JsonNode with(String from, String to) {
    assertThat(VALID).contains(from);
    return doc(VALID.replace(from, to));
  }

  @Test
  void aValidDocumentHasNoErrorsAndParses() {
    assertThat(PoolValidator.validate(doc(VALID))).isEmpty();
    FixedCidrPool pool = PoolValidator.parse("test", doc(VALID));
    assertThat(pool.spec().podVSwitchIds()).containsExactly("vsw-fixed-h", "vsw-fixed-i");
    assertThat(pool.spec().taint().key()).isEqualTo("dedicated");
    assertThat(pool.spec().expectedPods()).isEqualTo(40);
    assertThat(ResolvedPool.of(pool).adoptConfigMap()).isFalse();
    FixedCidrPool adopting = PoolValidator.parse("test", doc(VALID + "  adoptConfigMap: true\n"));
    assertThat(ResolvedPool.of(adopting).adoptConfigMap()).isTrue();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "wrong apiVersion",
            with("netplane.io/v1alpha1", "netplane.io/v1"),
            "apiVersion",
            ErrorType.NOT_SUPPORTED),
        Arguments.of(
            "wrong kind",
            with("kind: FixedCidrPool", "kind: Pool"),
            "kind",
            ErrorType.NOT_SUPPORTED),
        Arguments.of(
            "no name",
            with("  name: db-clients", "  labels: {}"),
            "metadata.name",
            ErrorType.REQUIRED),
        Arguments.of(
            "name not a DNS label",
            with("name: db-clients", "name: DB_clients"),
            "metadata.name",
            ErrorType.INVALID),
        Arguments.of(
            "name too long for eni-config-<name>",
            with("name: db-clients", "name: " + "a".repeat(53)),
            "metadata.name",
            ErrorType.TOO_LONG),
        Arguments.of(
            "no node pool",
            with("  nodePool:\n    id: np1234abcd\n", ""),
            "spec.nodePool",
            ErrorType.REQUIRED),
        Arguments.of(
            "id and selector",
            with("    id: np1234abcd", "    id: np1234abcd\n    nodeSelector: {a: b}"),
            "spec.nodePool",
            ErrorType.FORBIDDEN),
        Arguments.of(
            "bad node pool id",
            with("id: np1234abcd", "id: pool-1"),
            "spec.nodePool.id",
            ErrorType.INVALID),
        Arguments.of(
            "create without name",
            with(
                "    id: np1234abcd",
                "    create: {instanceTypes: [ecs.g7.large], desiredSize: 2, vSwitchIds: [vsw-n]}"),
            "spec.nodePool.create.name",
            ErrorType.REQUIRED),
        Arguments.of(
            "create with bad size",
            with(
                "    id: np1234abcd",
                "    create: {name: p, instanceTypes: [ecs.g7.large], desiredSize: -1, vSwitchIds: [vsw-n]}"),
            "spec.nodePool.create.desiredSize",
            ErrorType.INVALID),
        Arguments.of(
            "create with bad instance type",
            with(
                "    id: np1234abcd",
                "    create: {name: p, instanceTypes: [g7.large], desiredSize: 1, vSwitchIds: [vsw-n]}"),
            "spec.nodePool.create.instanceTypes[0]",
            ErrorType.INVALID),
        Arguments.of(
            "create without node vSwitches",
            with(
                "    id: np1234abcd",
                "    create: {name: p, instanceTypes: [ecs.g7.large], desiredSize: 1}"),
            "spec.nodePool.create.vSwitchIds",
            ErrorType.REQUIRED),
        Arguments.of(
            "empty selector",
            with("    id: np1234abcd", "    nodeSelector: {}"),
            "spec.nodePool.nodeSelector",
            ErrorType.INVALID),
        Arguments.of(
            "no pod vSwitches",
            with("  podVSwitchIds: [vsw-fixed-h, vsw-fixed-i]\n", ""),
            "spec.podVSwitchIds",
            ErrorType.REQUIRED),
        Arguments.of(
            "duplicate pod vSwitch",
            with("[vsw-fixed-h, vsw-fixed-i]", "[vsw-fixed-h, vsw-fixed-h]"),
            "spec.podVSwitchIds[1]",
            ErrorType.DUPLICATE),
        Arguments.of(
            "pod vSwitch not an id",
            with("vsw-fixed-i]", "vsw_x]"),
            "spec.podVSwitchIds[1]",
            ErrorType.INVALID),
        Arguments.of(
            "pod vSwitches not a list",
            with("[vsw-fixed-h, vsw-fixed-i]", "vsw-fixed-h"),
            "spec.podVSwitchIds",
            ErrorType.TYPE_INVALID),
        Arguments.of(
            "eleven security groups",
            with(
                "[sg-pool]",
                "[sg-1, sg-2, sg-3, sg-4, sg-5, sg-6, sg-7, sg-8, sg-9, sg-10, sg-11]"),
            "spec.securityGroupIds",
            ErrorType.TOO_MANY),
        Arguments.of(
            "bad security group",
            with("[sg-pool]", "[group-1]"),
            "spec.securityGroupIds[0]",
            ErrorType.INVALID),
        Arguments.of(
            "the base eni-config",
            with("  expectedPods: 40", "  expectedPods: 40\n  configMapName: eni-config"),
            "spec.configMapName",
            ErrorType.FORBIDDEN),
        Arguments.of(
            "ConfigMap name not a label value",
            with("  expectedPods: 40", "  expectedPods: 40\n  configMapName: " + "c".repeat(64)),
            "spec.configMapName",
            ErrorType.TOO_LONG),
        Arguments.of(
            "adoptConfigMap not a boolean",
            with("  expectedPods: 40", "  expectedPods: 40\n  adoptConfigMap: 'true'"),
            "spec.adoptConfigMap",
            ErrorType.TYPE_INVALID),
        Arguments.of(
            "taint without effect",
            with("effect: NoSchedule", "value: x"),
            "spec.taint.effect",
            ErrorType.REQUIRED),
        Arguments.of(
            "taint with unknown effect",
            with("effect: NoSchedule", "effect: Never"),
            "spec.taint.effect",
            ErrorType.NOT_SUPPORTED),
        Arguments.of(
            "taint with bad key",
            with("key: dedicated", "key: -bad-"),
            "spec.taint.key",
            ErrorType.INVALID),
        Arguments.of(
            "reserved label",
            with("{team: db}", "{terway-config: x}"),
            "spec.labels[terway-config]",
            ErrorType.FORBIDDEN),
        Arguments.of(
            "bad label value",
            with("{team: db}", "{team: 'a b'}"),
            "spec.labels[team]",
            ErrorType.INVALID),
        Arguments.of(
            "no expected pods",
            with("  expectedPods: 40\n", ""),
            "spec.expectedPods",
            ErrorType.REQUIRED),
        Arguments.of(
            "zero expected pods",
            with("expectedPods: 40", "expectedPods: 0"),
            "spec.expectedPods",
            ErrorType.INVALID),
        Arguments.of(
            "expected pods not a number",
            with("expectedPods: 40", "expectedPods: many"),
            "spec.expectedPods",
            ErrorType.TYPE_INVALID),
        Arguments.of(
            "misspelt field",
            with("podVSwitchIds:", "podVSwitchIds: [vsw-a]\n  podVswitchIds:"),
            "spec.podVswitchIds",
            ErrorType.UNKNOWN_FIELD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleReportsItsField(String name, JsonNode doc, String path, ErrorType type) {
    List<FieldError> errors = PoolValidator.validate(doc);
    assertThat(errors)
        .as(name)
        .extracting(FieldError::path, FieldError::type)
        .contains(org.assertj.core.groups.Tuple.tuple(path, type));
  }

  @Test
  void everyErrorIsListedAtOnce() {
    JsonNode doc =
        doc(
            """
        apiVersion: netplane.io/v1alpha1
        kind: FixedCidrPool
        metadata: {name: Bad_Name}
        spec:
          nodePool: {id: x, create: {name: p}}
          podVSwitchIds: [vsw-a, vsw-a, nope]
          securityGroupIds: [sg-1, sg-1]
          configMapName: eni-config
          taint: {key: k, effect: Sometimes}
          labels: {netplane.io/pool: x}
          expectedPods: -3
          colour: blue
        """);
    InvalidPoolException e =
        catchThrowableOfType(
            InvalidPoolException.class, () -> PoolValidator.parse("pool.yaml", doc));
    assertThat(e.errors())
        .extracting(FieldError::path)
        .contains(
            "metadata.name",
            "spec.colour",
            "spec.nodePool",
            "spec.nodePool.id",
            "spec.nodePool.create.instanceTypes",
            "spec.nodePool.create.desiredSize",
            "spec.nodePool.create.vSwitchIds",
            "spec.podVSwitchIds[1]",
            "spec.podVSwitchIds[2]",
            "spec.securityGroupIds[1]",
            "spec.configMapName",
            "spec.taint.effect",
            "spec.labels[netplane.io/pool]",
            "spec.expectedPods");
    assertThat(e.getMessage())
        .startsWith("pool.yaml: " + e.errors().size() + " error(s)")
        .contains("spec.podVSwitchIds[2]: Invalid value: \"nope\": a vSwitch id");
  }

  @Test
  void aSyntaxErrorNamesTheLine() {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () -> PoolDocuments.parse("pool.yaml", "spec:\n  a: [1, 2\n  b: c\n"));
    assertThat(e.getMessage()).startsWith("pool.yaml:").contains("not valid YAML");
  }
}
