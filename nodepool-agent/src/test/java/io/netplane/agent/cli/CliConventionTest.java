package io.netplane.agent.cli;

import io.netplane.config.cli.CliConventionCheck;
import org.junit.jupiter.api.Test;

class CliConventionTest {
  @Test
  void everyCommandFollowsTheConventions() {
    CliConventionCheck.check(() -> Main.commandLine(Connections.REAL));
  }
}
