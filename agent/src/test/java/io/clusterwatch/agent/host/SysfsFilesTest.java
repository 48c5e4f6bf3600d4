package io.clusterwatch.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.agent.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsFilesTest {
  private final Path ib = Fixtures.dir("procfs").resolve("sys/class/infiniband");

  @Test
  void trimsTrailingBlankLine() throws Exception {
    // procfs fixture: mlx4_0 port 2 link_layer is "InfiniBand\n\n"
    assertEquals(
        Optional.of("InfiniBand"), SysfsFiles.readTrimmed(ib.resolve("mlx4_0/ports/2/link_layer")));
  }

  @Test
  void readsFileWithoutNewline() throws Exception {
    assertEquals(
        Optional.of("0a7f:bc12:45ef:d23b"), SysfsFiles.readTrimmed(ib.resolve("mlx5_0/node_guid")));
  }

  @Test
  void missingFileIsEmptyNotZero() throws Exception {
    assertEquals(Optional.empty(), SysfsFiles.readTrimmed(ib.resolve("hfi1_0/hca_type")));
    assertEquals(Optional.empty(), SysfsFiles.readTrimmedIfReadable(ib.resolve("hfi1_0/hca_type")));
  }

  @Test
  void unreadableCounterIsAbsent(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("port_xmit_wait"), "1\n");
    file.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root");
    assertEquals(Optional.empty(), SysfsFiles.readTrimmedIfReadable(file));
    assertThrows(java.nio.file.AccessDeniedException.class, () -> SysfsFiles.readTrimmed(file));
  }

  @Test
  void readOfMissingFileNamesIt() {
    Path missing = ib.resolve("nope");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SysfsFiles.read(missing));
    assertEquals(missing.toString(), e.getFile());
  }

  @Test
  void listsSortedAndEmptyForMissingDirectory(@TempDir Path dir) throws Exception {
    assertEquals(List.of("hfi1_0", "mlx4_0", "mlx5_0"), SysfsFiles.list(ib));
    assertEquals(List.of(), SysfsFiles.list(dir.resolve("absent")));
    Files.writeString(dir.resolve("b"), "");
    Files.writeString(dir.resolve("a"), "");
    assertEquals(List.of("a", "b"), SysfsFiles.list(dir));
  }
}
