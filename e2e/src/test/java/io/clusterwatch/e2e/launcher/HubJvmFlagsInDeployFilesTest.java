package io.clusterwatch.e2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * the Kubernetes deployment. Every flag of the launcher must be in both deploy files, so that a hub
 * deployed without the launcher has the same memory settings as the one measured through it
 * (docs/benchmarks/hub-vs-prometheus.md).
 */
class HubJvmFlagsInDeployFilesTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern HUB_FLAGS = Pattern.compile("(?m)^HUB_JVM_FLAGS=\\(([^)]*)\\)");
  private static final Pattern K8S_ITEM = Pattern.compile("^\\s*- (\\S+)$");

  /** The words of the launcher's HUB_JVM_FLAGS=(...) array. */
  static List<String> launcherFlags(String launcher) {
    Matcher m = HUB_FLAGS.matcher(launcher);
    assertTrue(m.find(), "no HUB_JVM_FLAGS=(...) in the launcher");
    return Arrays.stream(m.group(1).trim().split("\\s+")).toList();
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
            "X=1\nHUB_JVM_FLAGS=(-XX:+UseSerialGC -Xms32m\n  -Dio.netty.allocator.maxOrder=7)\n"));
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
  void everyLauncherFlagIsInTheSystemdUnitAndTheKubernetesDeployment() throws IOException {
    List<String> flags = launcherFlags(Files.readString(REPO.resolve("clusterwatch")));
    assertFalse(flags.isEmpty());
    List<String> systemd =
        execStart(Files.readString(REPO.resolve("config/systemd/clusterwatch-hub.service")));
    List<String> k8s = k8sCommand(Files.readString(REPO.resolve("config/k8s/hub-deployment.yaml")));
    for (String flag : flags) {
      assertTrue(systemd.contains(flag), "the systemd unit lacks the launcher's " + flag);
      assertTrue(k8s.contains(flag), "the Kubernetes deployment lacks the launcher's " + flag);
    }
  }
}
