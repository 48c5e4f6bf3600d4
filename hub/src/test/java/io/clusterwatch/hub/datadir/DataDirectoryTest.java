package io.clusterwatch.hub.datadir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aNewDirectoryGetsItsFormatFileAndLogDirectory() throws Exception {
    Path root = tmp.resolve("data");
    try (DataDirectory d = DataDirectory.open(root)) {
      assertEquals("clusterwatch-store 1", Files.readString(root.resolve("FORMAT")).trim());
      assertTrue(Files.isDirectory(d.walDirectory()));
    }
    DataDirectory.open(root).close();
  }

  @Test
  void aDirectoryOfANewerFormatIsRefusedNamingIt() throws Exception {
    Files.writeString(tmp.resolve("FORMAT"), "clusterwatch-store 7\n");
    DataDirectoryException e =
        assertThrows(DataDirectoryException.class, () -> DataDirectory.open(tmp));
    assertEquals(
        "data directory " + tmp + " was written by a newer hub (format 7; this hub reads up to 1)",
        e.getMessage());
  }

  @Test
  void aSecondHubOnTheSameDirectoryIsRefused() {
    try (DataDirectory first = DataDirectory.open(tmp)) {
      DataDirectoryException e =
          assertThrows(DataDirectoryException.class, () -> DataDirectory.open(tmp));
      assertTrue(
          e.getMessage().startsWith("data directory " + tmp + " is in use by another hub"),
          e.getMessage());
    }
    DataDirectory.open(tmp).close();
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsRefusedNamingIt() {
    // /proc refuses new files even to root, unlike a chmod-ed directory
    Path proc = Path.of("/proc");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(proc.resolve("self")), "needs Linux /proc");
    DataDirectoryException e =
        assertThrows(DataDirectoryException.class, () -> DataDirectory.open(proc));
    assertTrue(e.getMessage().startsWith("data directory /proc is not writable: "), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }
}
