package io.clusterwatch.e2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hub's JVM flags are set in three places: the launcher's HUB_JVM_FLAGS, the systemd unit and
 * the Kubernetes deployment; the agent's in two: the launcher's AGENT_JVM_FLAGS and its systemd
 * unit. Every flag of the launcher must be in the deploy files, so that a hub or agent deployed
 * without the launcher has the same settings as the one measured through it
 * (docs/benchmarks/hub-vs-prometheus.md, docs/benchmarks/agent-footprint.md), and a diagnostic flag
 * must come after the flag that unlocks it there too, or the JVM refuses to start.
 */
class JvmFlagsInDeployFilesTest {
  private static final String UNLOCK = "-XX:+UnlockDiagnosticVMOptions";
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern K8S_ITEM = Pattern.compile("^\\s*- (\\S+)$");

  /** The words of the launcher's {@code array}=(...), e.g. HUB_JVM_FLAGS. */
  static List<String> launcherFlags(String launcher, String array) {
    Matcher m = Pattern.compile("(?m)^" + array + "=\\(([^)]*)\\)").matcher(launcher);
    assertTrue(m.find(), "no " + array + "=(...) in the launcher");
    return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
  }

  /** The repository's launcher's {@code array}=(...), which must not be empty. */
  private static List<String> launcherFlags(String array) throws IOException {
    List<String> flags = launcherFlags(repoFile("clusterwatch"), array);
    assertFalse(flags.isEmpty(), array + " is empty");
    return flags;
  }

  private static String repoFile(String path) throws IOException {
    return Files.readString(REPO.resolve(path));
  }

  /** The arguments of the systemd unit's ExecStart, its continuation lines joined. */
  static List<String> execStart(String unit) {
    String joined = unit.replace("\\\n", " ");
    for (String line : joined.split("\n")) {
      if (line.startsWith("ExecStart=")) {
        return Arrays.stream(line.substring("ExecStart=".length()).trim().split("\\s+")).toList();
      }
    }
    throw new AssertionError("no ExecStart= in the systemd unit");
  }

  /** The hub container's command list (the items between "command:" and the next key). */
  static List<String> k8sCommand(String deployment) {
    List<String> command = new ArrayList<>();
    boolean in = false;
    for (String line : deployment.split("\n")) {
      if (line.trim().equals("command:")) {
        in = true;
      } else if (in && line.trim().startsWith("#")) {
        continue;
      } else if (in) {
        Matcher m = K8S_ITEM.matcher(line);
        if (!m.matches()) {
          break;
        }
        command.add(m.group(1));
      }
    }
    return command;
  }

  @Test
  void readersParseRealText() {
    assertEquals(
        List.of("-XX:+UseSerialGC", "-Xms32m", "-Dio.netty.allocator.maxOrder=7"),
        launcherFlags(
            "X=1\nHUB_JVM_FLAGS=(-XX:+UseSerialGC -Xms32m\n  -Dio.netty.allocator.maxOrder=7)\n",
            "HUB_JVM_FLAGS"));
    assertEquals(
        List.of("/usr/bin/java", "-Xmx512m", "-Xms32m", "-jar", "hub.jar"),
        execStart(
            "[Service]\nExecStart=/usr/bin/java -Xmx512m \\\n  -Xms32m \\\n  -jar hub.jar\n"));
    assertEquals(
        List.of("java", "-Xmx512m", "-jar", "/opt/hub.jar"),
        k8sCommand(
            "          command:\n            - java\n            # heap\n            - -Xmx512m\n"
                + "            - -jar\n            - /opt/hub.jar\n          args:\n"
                + "            - --config\n"));
  }

  @Test
  void everyHubFlagIsInTheSystemdUnitAndTheKubernetesDeployment() throws IOException {
    List<String> flags = launcherFlags("HUB_JVM_FLAGS");
    List<String> systemd = execStart(repoFile("config/systemd/clusterwatch-hub.service"));
    List<String> k8s = k8sCommand(repoFile("config/k8s/hub-deployment.yaml"));
    assertCarries(flags, systemd, "the hub's systemd unit");
    assertCarries(flags, k8s, "the hub's Kubernetes deployment");
  }

  @Test
  void everyAgentFlagIsInItsSystemdUnit() throws IOException {
    List<String> flags = launcherFlags("AGENT_JVM_FLAGS");
    List<String> systemd = execStart(repoFile("config/systemd/clusterwatch-agent.service"));
    assertCarries(flags, systemd, "the agent's systemd unit");
  }

  @Test
  void aDiagnosticFlagBeforeItsUnlockIsCaught() {
    List<String> launcher = List.of(UNLOCK, "-XX:GuaranteedSafepointInterval=10000");
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                assertCarries(
                    launcher, List.of("-XX:GuaranteedSafepointInterval=10000", UNLOCK), "x"));
    assertTrue(e.getMessage().contains("-XX:GuaranteedSafepointInterval=10000"), e.getMessage());
    assertThrows(
        AssertionError.class,
        () -> assertCarries(launcher, List.of(UNLOCK), "x"),
        "a missing flag is caught");
    assertCarries(
        launcher, List.of("java", UNLOCK, "-Xmx1g", "-XX:GuaranteedSafepointInterval=10000"), "x");
  }

  /**
   * Every flag of {@code launcher} is in {@code deployed}, and those after the unlocking flag in
   * the launcher come after it in {@code deployed} too.
   */
  static void assertCarries(List<String> launcher, List<String> deployed, String what) {
    for (String flag : launcher) {
      assertTrue(deployed.contains(flag), what + " lacks the launcher's " + flag);
    }
    int unlock = launcher.indexOf(UNLOCK);
    if (unlock < 0) {
      return;
    }
    int deployedUnlock = deployed.indexOf(UNLOCK);
    for (String flag : launcher.subList(unlock + 1, launcher.size())) {
      assertTrue(
          deployed.indexOf(flag) > deployedUnlock,
          what + " has " + flag + " before " + UNLOCK + ", which the JVM refuses");
    }
  }
}
