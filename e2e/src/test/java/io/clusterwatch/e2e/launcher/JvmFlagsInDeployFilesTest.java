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
 * The hub's and the agent's JVM flags and environment are each set in three places: the launcher
 * (HUB_JVM_FLAGS and HUB_ENV, AGENT_JVM_FLAGS and AGENT_ENV), the systemd unit and the Kubernetes
 * manifest (the hub's deployment, the agent's daemon set). Every flag and variable of the launcher
 * must be in the deploy files, so that a hub or agent deployed without the launcher has the same
 * settings as the one measured through it (docs/benchmarks/hub-vs-prometheus.md,
 * docs/benchmarks/agent-footprint.md), and a diagnostic flag must come after the flag that unlocks
 * it there too, or the JVM refuses to start.
 */
class JvmFlagsInDeployFilesTest {
  private static final String UNLOCK = "-XX:+UnlockDiagnosticVMOptions";
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern K8S_ITEM = Pattern.compile("^\\s*- (\\S+)$");
  private static final Pattern K8S_ENV_NAME = Pattern.compile("^\\s*- name: (\\S+)$");
  private static final Pattern K8S_ENV_VALUE = Pattern.compile("^\\s*value: \"?([^\"]*)\"?$");

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

  /** The NAME=value words of the systemd unit's Environment= lines. */
  static List<String> systemdEnvironment(String unit) {
    List<String> env = new ArrayList<>();
    for (String line : unit.split("\n")) {
      if (line.startsWith("Environment=")) {
        env.addAll(Arrays.asList(line.substring("Environment=".length()).trim().split("\\s+")));
      }
    }
    return env;
  }

  /**
   * The manifest's env entries with a literal value, as NAME=value: a "- name:" line followed at
   * once by its "value:" line.
   */
  static List<String> k8sEnvironment(String manifest) {
    List<String> env = new ArrayList<>();
    String name = null;
    for (String line : manifest.split("\n")) {
      Matcher v = K8S_ENV_VALUE.matcher(line);
      if (name != null && v.matches()) {
        env.add(name + "=" + v.group(1));
      }
      Matcher n = K8S_ENV_NAME.matcher(line);
      name = n.matches() ? n.group(1) : null;
    }
    return env;
  }

  /** The first container's command list (the items between "command:" and the next key). */
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
  void environmentReadersParseRealText() {
    assertEquals(
        List.of("MALLOC_ARENA_MAX=2", "A=b"),
        systemdEnvironment("[Service]\nEnvironment=MALLOC_ARENA_MAX=2\nEnvironment=A=b\n"));
    assertEquals(
        List.of("MALLOC_ARENA_MAX=2", "NVIDIA_VISIBLE_DEVICES=all"),
        k8sEnvironment(
            "        - name: agent\n          image: a:1\n          env:\n"
                + "            - name: MALLOC_ARENA_MAX\n              value: \"2\"\n"
                + "            - name: NVIDIA_VISIBLE_DEVICES\n              value: all\n"
                + "          ports:\n            - name: metrics\n"
                + "              containerPort: 9477\n"));
  }

  @Test
  void everyHubFlagIsInTheSystemdUnitAndTheKubernetesDeployment() throws IOException {
    assertDeployFilesCarry(
        "HUB", "config/systemd/clusterwatch-hub.service", "config/k8s/hub-deployment.yaml");
  }

  @Test
  void everyAgentFlagIsInItsSystemdUnitAndTheKubernetesDaemonSet() throws IOException {
    assertDeployFilesCarry(
        "AGENT", "config/systemd/clusterwatch-agent.service", "config/k8s/agent-daemonset.yaml");
  }

  /**
   * The launcher's {@code who}_JVM_FLAGS are in the systemd unit's ExecStart and the manifest's
   * command, and its {@code who}_ENV in their environment.
   */
  private static void assertDeployFilesCarry(String who, String unitPath, String manifestPath)
      throws IOException {
    List<String> flags = launcherFlags(who + "_JVM_FLAGS");
    List<String> env = launcherFlags(who + "_ENV");
    String unit = repoFile(unitPath);
    String manifest = repoFile(manifestPath);
    assertCarries(flags, execStart(unit), unitPath);
    assertCarries(flags, k8sCommand(manifest), manifestPath);
    assertCarries(env, systemdEnvironment(unit), unitPath + " (Environment=)");
    assertCarries(env, k8sEnvironment(manifest), manifestPath + " (env)");
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
