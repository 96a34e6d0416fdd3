package io.netplane.agent.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netplane.agent.model.ConditionType;
import io.netplane.agent.model.FixedCidrPool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped CRD and the Java validation enforce the same rules. */
class CrdSchemaTest {
  static final Path CRD = Path.of("../deploy/crds/netplane.io_fixedcidrpools.yaml");
  static CustomResourceDefinition crd;
  static JSONSchemaProps spec;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = Files.newInputStream(CRD)) {
      crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
    spec = version().getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  static CustomResourceDefinitionVersion version() {
    return crd.getSpec().getVersions().get(0);
  }

  @Test
  void namesMatchTheModel() {
    assertThat(crd.getSpec().getGroup()).isEqualTo(FixedCidrPool.GROUP);
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(FixedCidrPool.KIND);
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(FixedCidrPool.PLURAL);
    assertThat(crd.getMetadata().getName())
        .isEqualTo(FixedCidrPool.PLURAL + "." + FixedCidrPool.GROUP);
    assertThat(version().getName()).isEqualTo(FixedCidrPool.VERSION);
    assertThat(version().getSubresources().getStatus()).isNotNull();
  }

  @Test
  void specFieldsAreTheOnesJavaKnows() {
    assertThat(spec.getProperties().keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(
                "nodePool",
                "podVSwitchIds",
                "securityGroupIds",
                "configMapName",
                "adoptConfigMap",
                "taint",
                "labels",
                "expectedPods"));
    assertThat(spec.getRequired())
        .containsExactlyInAnyOrder("nodePool", "podVSwitchIds", "expectedPods");
    assertThat(spec.getProperties().get("nodePool").getOneOf()).hasSize(3);
  }

  @Test
  void patternsEqualTheJavaOnes() {
    Map<String, JSONSchemaProps> p = spec.getProperties();
    JSONSchemaProps np = p.get("nodePool");
    assertThat(np.getProperties().get("id").getPattern()).isEqualTo(Syntax.NODE_POOL_ID);
    JSONSchemaProps create = np.getProperties().get("create");
    assertThat(create.getProperties().get("name").getPattern()).isEqualTo(Syntax.NODE_POOL_NAME);
    assertThat(create.getProperties().get("instanceTypes").getItems().getSchema().getPattern())
        .isEqualTo(Syntax.INSTANCE_TYPE);
    assertThat(create.getProperties().get("instanceTypes").getMaxItems())
        .isEqualTo(Syntax.MAX_INSTANCE_TYPES);
    assertThat(create.getProperties().get("desiredSize").getMaximum().intValue())
        .isEqualTo(Syntax.MAX_DESIRED_SIZE);
    assertThat(create.getProperties().get("vSwitchIds").getItems().getSchema().getPattern())
        .isEqualTo(Syntax.VSWITCH_ID);
    assertThat(
            np.getProperties()
                .get("nodeSelector")
                .getAdditionalProperties()
                .getSchema()
                .getPattern())
        .isEqualTo(Syntax.LABEL_VALUE);
    assertThat(p.get("podVSwitchIds").getItems().getSchema().getPattern())
        .isEqualTo(Syntax.VSWITCH_ID);
    assertThat(p.get("securityGroupIds").getItems().getSchema().getPattern())
        .isEqualTo(Syntax.SECURITY_GROUP_ID);
    assertThat(p.get("securityGroupIds").getMaxItems()).isEqualTo(Syntax.MAX_SECURITY_GROUPS);
    assertThat(p.get("configMapName").getPattern()).isEqualTo(Syntax.DNS_SUBDOMAIN);
    assertThat(p.get("configMapName").getMaxLength()).isEqualTo(Syntax.MAX_LABEL_VALUE);
    JSONSchemaProps taint = p.get("taint");
    assertThat(taint.getProperties().get("key").getPattern()).isEqualTo(Syntax.QUALIFIED_NAME);
    assertThat(taint.getProperties().get("value").getPattern()).isEqualTo(Syntax.LABEL_VALUE);
    assertThat(taint.getProperties().get("effect").getEnum())
        .extracting(Object::toString)
        .map(s -> s.replace("\"", ""))
        .containsExactlyInAnyOrderElementsOf(TaintRule.EFFECTS);
    assertThat(p.get("labels").getAdditionalProperties().getSchema().getPattern())
        .isEqualTo(Syntax.LABEL_VALUE);
    assertThat(p.get("expectedPods").getMinimum().intValue()).isEqualTo(1);
  }

  @Test
  void statusConditionTypesAreTheJavaOnes() {
    JSONSchemaProps type =
        version()
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("status")
            .getProperties()
            .get("conditions")
            .getItems()
            .getSchema()
            .getProperties()
            .get("type");
    assertThat(type.getEnum())
        .extracting(Object::toString)
        .map(s -> s.replace("\"", ""))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ConditionType.values()).map(ConditionType::value).toList());
  }

  @Test
  void theCelRulesNameTheLimitsJavaUses() {
    String rule =
        version().getSchema().getOpenAPIV3Schema().getXKubernetesValidations().get(0).getRule();
    assertThat(rule).contains("<= " + Syntax.MAX_POOL_NAME);
  }
}
