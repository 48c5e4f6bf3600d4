package io.clusterwatch.e2e.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterwatch.e2e.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./clusterwatch hub} and its class-data sharing archive: dumped once per JDK major version
 * from a short run of the hub, mapped by every later start, and dumped again when the hub jar is
 * newer than it. Runs the real launcher on a copy of the built jars in a scratch tree (the launcher
 * finds its jars next to itself), so the build's own archive is left alone.
 */
class HubClassDataSharingTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LISTENING = Pattern.compile("clusterwatch hub listening on ");

  @TempDir Path root;
  private Path hubJar;
  private Path archive;

  @BeforeEach
  void copyLauncherAndJars() throws IOException {
    Path builtHub = REPO.resolve("hub/target/clusterwatch-hub.jar");
    Path builtSimulator = REPO.resolve("simulator/target/clusterwatch-simulator.jar");
    assumeTrue(
        Files.isRegularFile(builtHub) && Files.isRegularFile(builtSimulator),
        "the hub and simulator jars are built by `mvn package` before this module's tests");
    Files.copy(REPO.resolve("clusterwatch"), root.resolve("clusterwatch"));
    hubJar = copy(builtHub, "hub/target/clusterwatch-hub.jar");
    copy(builtSimulator, "simulator/target/clusterwatch-simulator.jar");
    // Present, so that the launcher does not build; never run here.
    Files.createDirectories(root.resolve("agent/target"));
    Files.createFile(root.resolve("agent/target/clusterwatch-agent.jar"));
    archive =
        root.resolve("hub/target/clusterwatch-hub-jdk" + Runtime.version().feature() + ".jsa");
  }

  private Path copy(Path from, String to) throws IOException {
    Path target = root.resolve(to);
    Files.createDirectories(target.getParent());
    return Files.copy(from, target, StandardCopyOption.COPY_ATTRIBUTES);
  }

  /** Starts the hub through the launcher, awaits its listening line and returns its JVM's maps. */
  private String mapsOfAStartedHub() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin").toString();
    List<String> command =
        List.of(
            "env",
            "PATH=" + java + ":" + System.getenv("PATH"),
            root.resolve("clusterwatch").toString(),
            "hub",
            "--port",
            "0",
            "--data",
            root.resolve("data").toString());
    try (ChildProcess hub = ChildProcess.start("launcher hub", command)) {
      hub.awaitLine(LISTENING, Duration.ofMinutes(3));
      return Files.readString(Path.of("/proc", Long.toString(hub.pid()), "maps"));
    }
  }

  @Test
  void archiveIsDumpedOnceThenMappedByEveryStart() throws Exception {
    assertTrue(Files.notExists(archive));

    String first = mapsOfAStartedHub();
    assertTrue(Files.isRegularFile(archive), "no archive " + archive + " after the first start");
    assertTrue(first.contains(archive.toString()), "the first start did not map " + archive);
    Object dumped = Files.getAttribute(archive, "unix:ino");
    FileTime dumpedAt = Files.getLastModifiedTime(archive);

    String second = mapsOfAStartedHub();
    assertTrue(second.contains(archive.toString()), "the second start did not map " + archive);
    assertEquals(dumped, Files.getAttribute(archive, "unix:ino"), "the archive was dumped again");
    assertEquals(dumpedAt, Files.getLastModifiedTime(archive), "the archive was dumped again");
  }

  @Test
  void archiveOlderThanTheHubJarIsDumpedAgainNotMapped() throws Exception {
    mapsOfAStartedHub();
    // A hub jar built a second after the archive, without the launcher (which deletes archives when
    // it builds). The JVM itself would refuse the old archive: it records the jar's time.
    FileTime builtAt = FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 1_000);
    Files.setLastModifiedTime(hubJar, builtAt);

    String maps = mapsOfAStartedHub();
    assertTrue(
        Files.getLastModifiedTime(archive).compareTo(builtAt) > 0,
        "the archive older than the jar was kept");
    assertTrue(maps.contains(archive.toString()), "the fresh archive was not mapped");
  }
}
