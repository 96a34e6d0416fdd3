package io.netplane.agent;

import io.netplane.config.arch.ArchitectureRules;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The build's architecture rules ({@link ArchitectureRules}) on this module's classes. */
class ArchitectureTest {
  @TestFactory
  Stream<DynamicTest> theBuildsRulesHold() {
    return ArchitectureRules.checks(
        "io.netplane.agent",
        "io.netplane.agent.plan.Planner",
        "io.netplane.agent.model.FixedCidrPool",
        "io.netplane.agent.validate.PoolValidator");
  }
}
