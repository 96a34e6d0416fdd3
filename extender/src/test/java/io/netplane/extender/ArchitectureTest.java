package io.netplane.extender;

import io.netplane.config.arch.ArchitectureRules;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The build's architecture rules ({@link ArchitectureRules}) on this module's classes. */
class ArchitectureTest {
  @TestFactory
  Stream<DynamicTest> theBuildsRulesHold() {
    return ArchitectureRules.checks(
        "io.netplane.extender",
        "io.netplane.extender.server.DeciderSlot",
        "io.netplane.extender.wire.RequestDecoder");
  }
}
