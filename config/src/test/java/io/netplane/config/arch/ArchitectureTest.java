package io.netplane.config.arch;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The build's architecture rules ({@link ArchitectureRules}) on this module's classes. */
class ArchitectureTest {
  @TestFactory
  Stream<DynamicTest> theBuildsRulesHold() {
    return ArchitectureRules.checks(
        "io.netplane.config",
        "io.netplane.config.rules.Decider",
        "io.netplane.config.model.ClusterSnapshot",
        "io.netplane.config.kube.KubeObjects");
  }
}
