package io.clusterwatch.e2e.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module layers of the README's table, checked on the compiled main classes: the protocol and
 * the shared configuration layer depend on nothing of ours, the agent, the hub and the simulator
 * never on each other, and the agent (on every compute node) carries no Vert.x.
 */
@AnalyzeClasses(packages = "io.clusterwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleLayersTest {
  @ArchTest
  static final ArchRule protocolDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("io.clusterwatch.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.clusterwatch.common..",
              "io.clusterwatch.agent..",
              "io.clusterwatch.hub..",
              "io.clusterwatch.simulator..");

  @ArchTest
  static final ArchRule commonDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("io.clusterwatch.common..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.clusterwatch.protocol..",
              "io.clusterwatch.agent..",
              "io.clusterwatch.hub..",
              "io.clusterwatch.simulator..");

  @ArchTest
  static final ArchRule agentNeverUsesHubOrSimulator =
      noClasses()
          .that()
          .resideInAPackage("io.clusterwatch.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.clusterwatch.hub..", "io.clusterwatch.simulator..");

  @ArchTest
  static final ArchRule hubNeverUsesAgentOrSimulator =
      noClasses()
          .that()
          .resideInAPackage("io.clusterwatch.hub..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.clusterwatch.agent..", "io.clusterwatch.simulator..");

  @ArchTest
  static final ArchRule simulatorNeverUsesAgentOrHub =
      noClasses()
          .that()
          .resideInAPackage("io.clusterwatch.simulator..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.clusterwatch.agent..", "io.clusterwatch.hub..");

  @ArchTest
  static final ArchRule agentCarriesNoVertx =
      noClasses()
          .that()
          .resideInAPackage("io.clusterwatch.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.vertx..");

  @Test
  void theWebModuleHasNoJava() throws IOException {
    // Surefire runs in the e2e module's directory; the web module sits beside it.
    Path web = Path.of("..", "web");
    assertEquals(
        true,
        Files.isDirectory(web.resolve("src/main/resources")),
        "web module not found at " + web.toAbsolutePath());
    try (Stream<Path> files = Files.walk(web.resolve("src"))) {
      List<Path> java =
          files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
      assertEquals(List.of(), java);
    }
  }
}
