package io.netplane.config.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules catch what they forbid, and let pure code pass. */
class ArchitectureRulesTest {
  private static final String FIXTURES = "io.netplane.config.model.archfixture.Fixtures$";

  private static JavaClasses fixture(String name) throws ClassNotFoundException {
    return new ClassFileImporter().importClasses(Class.forName(FIXTURES + name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ReadsTheClock", "ReadsTheEnvironment", "AsksForTheTime", "DatesToday", "Sleeps"})
  void aClockEnvironmentOrSleepInTheCoreBreaksItsRule(String name) throws Exception {
    assertThat(
            ArchitectureRules.readsNoClockOrEnvironment(ArchitectureRules.CORE)
                .evaluate(fixture(name))
                .hasViolation())
        .isTrue();
  }

  @Test
  void aDependencyOffTheCoresAllowListBreaksItsRule() throws Exception {
    assertThat(
            ArchitectureRules.dependsOnlyOnItsAllowList(ArchitectureRules.CORE)
                .evaluate(fixture("Logs"))
                .hasViolation())
        .isTrue();
  }

  @Test
  void pureCodePassesBoth() throws Exception {
    JavaClasses pure = fixture("Pure");
    assertThat(
            ArchitectureRules.readsNoClockOrEnvironment(ArchitectureRules.CORE)
                .evaluate(pure)
                .hasViolation())
        .isFalse();
    assertThat(
            ArchitectureRules.dependsOnlyOnItsAllowList(ArchitectureRules.CORE)
                .evaluate(pure)
                .hasViolation())
        .isFalse();
  }
}
