package io.clusterwatch.hub.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.datadir.DataDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-endpoint read position on real files. */
class PositionFileTest {
  @TempDir Path data;

  @Test
  void noFileIsNoPositionAndAWrittenOneReadsBackAsSegmentPlusOffset() throws Exception {
    PositionFile f = PositionFile.of(data, "vm");
    assertEquals(OptionalLong.empty(), f.read());

    f.write(67_108_864, 67_109_000);

    assertEquals(data.resolve("remote_write/vm.position"), f.path());
    assertEquals(
        "segment 0000000067108864 offset 136\n", Files.readString(f.path()), "human-readable");
    assertEquals(OptionalLong.of(67_109_000), f.read());
    assertEquals(OptionalLong.of(67_109_000), PositionFile.of(data, "vm").read(), "durable");
  }

  @Test
  void aNewPositionReplacesTheOldWholeAndLeavesNoTemporaryFile() throws Exception {
    PositionFile f = PositionFile.of(data, "vm");
    f.write(0, 5_000);
    f.write(4_096, 9_000);
    assertEquals(OptionalLong.of(9_000), f.read());
    try (Stream<Path> files = Files.list(data.resolve("remote_write"))) {
      assertEquals(1, files.count(), "only vm.position");
    }
  }

  @Test
  void endpointNamesBecomeSafeFileNames() {
    assertEquals("vm_8428.position", PositionFile.fileName("vm:8428"));
    assertEquals("a_b_c.position", PositionFile.fileName("a/b c"));
    assertEquals("east-vm.1.position", PositionFile.fileName("east-vm.1"));
  }

  @Test
  void aPositionOutsideItsSegmentIsRefused() {
    PositionFile f = PositionFile.of(data, "vm");
    assertThrows(IllegalArgumentException.class, () -> f.write(100, 99));
    assertFalse(Files.exists(f.path()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ''                                          | does not read 'segment <number> offset <number>' but ''
      12345                                       | but '12345'
      segment 0000000000000000                    | but 'segment 0000000000000000'
      segment -1 offset 5                         | but 'segment -1 offset 5'
      segment 0000000000000000 offset x           | but 'segment 0000000000000000 offset x'
      segment 9223372036854775807 offset 1        | holds a number too large
      """)
  void aDamagedFileIsRefusedNamingTheFileAndWhatItHolds(String content, String message)
      throws Exception {
    PositionFile f = PositionFile.of(data, "vm");
    Files.createDirectories(f.path().getParent());
    Files.writeString(f.path(), content);

    DataDirectoryException e = assertThrows(DataDirectoryException.class, f::read);

    assertTrue(e.getMessage().contains(f.path().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
