package io.clusterwatch.agent.infiniband;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.agent.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfinibandReaderTest {
  @TempDir Path sys;

  private Path classDir() {
    return sys.resolve("class/infiniband");
  }

  /** node_exporter's fixture devices (mlx4_0, i40iw0), copied so the test may change them. */
  private void copyFixture() throws Exception {
    Path source = Fixtures.dir("node_exporter").resolve("sys/class/infiniband");
    copyTree(source, classDir());
  }

  private static void copyTree(Path source, Path target) throws Exception {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }

  private static String counter(List<IbDeviceFiles> devices, String device, String file) {
    return port(devices, device, "1").counters().get(file);
  }

  private static IbPortFiles port(List<IbDeviceFiles> devices, String device, String port) {
    return devices.stream()
        .filter(d -> d.name().equals(device))
        .flatMap(d -> d.ports().stream())
        .filter(p -> p.port().equals(port))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no port " + device + "/" + port));
  }

  private long fileCount() throws Exception {
    try (Stream<Path> files = Files.walk(classDir())) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void keepsTheFilesItReadsOpenAndSeesValuesRewrittenInPlace() throws Exception {
    copyFixture();
    Path rcv = classDir().resolve("mlx4_0/ports/1/counters/port_rcv_data");
    try (InfinibandReader reader = new InfinibandReader(classDir())) {
      List<IbDeviceFiles> first = reader.read();
      assertEquals("4631917", counter(first, "mlx4_0", "port_rcv_data"));
      // Every file of the tree, each open once (all its counters/ files are ones IbCounterNames
      // knows).
      assertEquals(fileCount(), reader.openFiles());
      // sysfs makes a counter's text anew at each read of the same open file; a fixture file
      // rewritten in place (same inode) is read the same way.
      Files.writeString(rcv, "4631999\n");
      Files.writeString(classDir().resolve("mlx4_0/ports/1/state"), "1: DOWN\n");
      List<IbDeviceFiles> second = reader.read();
      assertEquals("4631999", counter(second, "mlx4_0", "port_rcv_data"));
      assertEquals("1: DOWN", port(second, "mlx4_0", "1").state().orElseThrow());
      assertEquals(first.size(), second.size());
    }
  }

  @Test
  void aDeviceRegisteredAgainUnderItsNameIsReadFromItsNewDirectory() throws Exception {
    copyFixture();
    try (InfinibandReader reader = new InfinibandReader(classDir())) {
      assertEquals("4631917", counter(reader.read(), "mlx4_0", "port_rcv_data"));
      // A driver reload: the old directory goes, a new one with fresh counters comes. Made
      // beside the old one first, so that the two can never share an inode number.
      Path fresh = sys.resolve("mlx4_0.new");
      copyTree(classDir().resolve("mlx4_0"), fresh);
      Files.writeString(fresh.resolve("ports/1/counters/port_rcv_data"), "7\n");
      Path old = Files.move(classDir().resolve("mlx4_0"), sys.resolve("mlx4_0.old"));
      Files.move(fresh, classDir().resolve("mlx4_0"));
      assertEquals("7", counter(reader.read(), "mlx4_0", "port_rcv_data"));
      assertEquals(fileCount(), reader.openFiles());
      assertEquals(true, Files.isDirectory(old));
    }
  }

  @Test
  void aDeviceGoneIsNoLongerReadAndItsFilesAreClosed() throws Exception {
    copyFixture();
    try (InfinibandReader reader = new InfinibandReader(classDir())) {
      assertEquals(
          List.of("i40iw0", "mlx4_0"), reader.read().stream().map(IbDeviceFiles::name).toList());
      long mlx4Files = fileCount();
      Files.move(classDir().resolve("mlx4_0"), sys.resolve("mlx4_0.gone"));
      mlx4Files -= fileCount();
      long before = reader.openFiles();
      assertEquals(List.of("i40iw0"), reader.read().stream().map(IbDeviceFiles::name).toList());
      assertEquals(before - mlx4Files, reader.openFiles());
    }
  }

  @Test
  void aFileReplacedByRenameIsReadAtTheNextReopening() throws Exception {
    copyFixture();
    Path rcv = classDir().resolve("mlx4_0/ports/1/counters/port_rcv_data");
    try (InfinibandReader reader = new InfinibandReader(classDir())) {
      assertEquals("4631917", counter(reader.read(), "mlx4_0", "port_rcv_data"));
      Path tmp = Files.writeString(rcv.resolveSibling(".port_rcv_data.tmp"), "9\n");
      Files.move(tmp, rcv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      // sysfs never does this; the open descriptor still reads the replaced file until the
      // reader opens every file by path again.
      for (int i = 1; i < InfinibandReader.REOPEN_EVERY - 1; i++) {
        assertEquals("4631917", counter(reader.read(), "mlx4_0", "port_rcv_data"), "read " + i);
      }
      assertEquals("9", counter(reader.read(), "mlx4_0", "port_rcv_data"));
    }
  }

  @Test
  void closeReleasesEveryFile() throws Exception {
    copyFixture();
    InfinibandReader reader = new InfinibandReader(classDir());
    reader.read();
    reader.close();
    assertEquals(0, reader.openFiles());
    assertEquals(List.of(), reader.read());
  }
}
