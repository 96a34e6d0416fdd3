package io.netplane.config.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.slf4j.LoggerFactory;

/**
 * The architecture of the whole build as allow-lists, applied by every module's {@code
 * ArchitectureTest} to its own compiled classes (so untested paths count too): what pure code may
 * depend on and that it reads no clock or environment, that only edges depend on edges, and that no
 * packages depend on each other in a cycle.
 */
public final class ArchitectureRules {
  /** The JDK pure code may use: the language, collections, functions, time and numbers. */
  static final List<String> JDK =
      List.of(
          "java.lang",
          "java.util",
          "java.util.function",
          "java.util.stream",
          "java.util.regex",
          "java.util.concurrent..",
          "java.time..",
          "java.math");

  /** Jackson's trees and annotations: for pure code whose inputs are JSON documents. */
  static final List<String> JSON = List.of("com.fasterxml.jackson..");

  /** The decision core: the model, the rules and the IP ledger. The JDK above and each other. */
  static final Tier CORE =
      new Tier(
          "decision core",
          List.of(
              "io.netplane.config.model..",
              "io.netplane.config.rules..",
              "io.netplane.config.ledger.."),
          List.of());

  /** Kubernetes JSON to the core's views, for the loader and every edge alike. */
  static final Tier KUBE_MAPPING =
      new Tier(
          "Kubernetes mapping", List.of("io.netplane.config.kube.."), concat(JSON, CORE.packages));

  /** The node-pool agent's planner, its model and the pool validation. */
  static final Tier AGENT =
      new Tier(
          "agent planner",
          List.of(
              "io.netplane.agent.plan..",
              "io.netplane.agent.model..",
              "io.netplane.agent.validate.."),
          concat(JSON, CORE.packages, KUBE_MAPPING.packages));

  /**
   * What talks to the outside or runs threads of its own: HTTP, the API server, cloud SDKs, leases,
   * command lines, files. Only edges depend on edges.
   */
  static final List<String> EDGES =
      List.of(
          "io.netplane.extender..",
          "io.netplane.agent.apply..",
          "io.netplane.agent.kube..",
          "io.netplane.agent.run..",
          "io.netplane.agent.cli..",
          "io.netplane.config.cloud..",
          "io.netplane.config.cli..",
          "io.netplane.config.lease..",
          "io.netplane.config.concurrent..",
          "io.netplane.config.load..");

  /** Pure packages, and what besides the JDK and themselves they may depend on. */
  record Tier(String name, List<String> packages, List<String> allowed) {
    String[] packageArray() {
      return packages.toArray(String[]::new);
    }
  }

  private ArchitectureRules() {}

  /** Every rule. A module without some tier's packages passes that tier's rules vacuously. */
  public static List<ArchRule> all() {
    List<ArchRule> rules = new ArrayList<>();
    for (Tier tier : List.of(CORE, KUBE_MAPPING, AGENT)) {
      rules.add(dependsOnlyOnItsAllowList(tier).allowEmptyShould(true));
      rules.add(readsNoClockOrEnvironment(tier).allowEmptyShould(true));
    }
    rules.add(edgesAreDependedOnByEdgesOnly().allowEmptyShould(true));
    rules.add(noCyclesBetweenPackages());
    return rules;
  }

  /**
   * One test per rule over a module's main classes, after one that they include {@code mustSee} (so
   * a wrong root or class path cannot pass every rule vacuously).
   */
  public static Stream<DynamicTest> checks(String rootPackage, String... mustSee) {
    JavaClasses classes = mainClasses(rootPackage);
    DynamicTest sees =
        DynamicTest.dynamicTest(
            "the rules see " + String.join(", ", mustSee),
            () -> assertThat(classes.stream().map(JavaClass::getName)).contains(mustSee));
    return Stream.concat(
        Stream.of(sees),
        all().stream()
            .map(
                rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes))));
  }

  /** A module's main classes, tests and libraries left out. */
  static JavaClasses mainClasses(String rootPackage) {
    // the importer logs every class it reads at DEBUG
    ((Logger) LoggerFactory.getLogger("com.tngtech.archunit")).setLevel(Level.INFO);
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(rootPackage);
  }

  static ArchRule dependsOnlyOnItsAllowList(Tier tier) {
    String[] allowed = concat(JDK, tier.packages, tier.allowed).toArray(String[]::new);
    return classes()
        .that()
        .resideInAnyPackage(tier.packageArray())
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowed)
        .as("the " + tier.name + " depends only on " + String.join(", ", allowed));
  }

  static ArchRule readsNoClockOrEnvironment(Tier tier) {
    return noClasses()
        .that()
        .resideInAnyPackage(tier.packageArray())
        .should()
        .accessTargetWhere(CLOCK_OR_ENVIRONMENT)
        .as(
            "the "
                + tier.name
                + " reads no clock or environment (both are injected) and never sleeps");
  }

  static ArchRule edgesAreDependedOnByEdgesOnly() {
    String[] edges = EDGES.toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage("io.netplane..")
        .and()
        .resideOutsideOfPackages(edges)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(edges)
        .as("nothing but an edge depends on an edge (" + String.join(", ", edges) + ")");
  }

  static ArchRule noCyclesBetweenPackages() {
    return slices()
        .matching("io.netplane.(**)")
        .should()
        .beFreeOfCycles()
        .as("no cycle between packages");
  }

  private static final Set<String> SYSTEM_READS =
      Set.of("currentTimeMillis", "nanoTime", "getenv", "getProperty", "getProperties");

  private static final DescribedPredicate<JavaAccess<?>> CLOCK_OR_ENVIRONMENT =
      new DescribedPredicate<>("a clock or environment read, or a sleep") {
        @Override
        public boolean test(JavaAccess<?> access) {
          String owner = access.getTargetOwner().getName();
          String name = access.getName();
          return owner.equals("java.lang.System") && SYSTEM_READS.contains(name)
              || owner.equals("java.lang.Thread") && name.equals("sleep")
              || owner.startsWith("java.time.") && (name.equals("now") || name.startsWith("system"))
              || owner.equals("java.util.Date")
                  && access instanceof JavaConstructorCall call
                  && call.getTarget().getRawParameterTypes().isEmpty();
        }
      };

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }
}
