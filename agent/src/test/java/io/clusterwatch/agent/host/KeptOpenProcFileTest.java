package io.clusterwatch.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.testing.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptOpenProcFileTest {
  @TempDir Path dir;

  @Test
  void readsTheWholeFileAgainEachTimeAsAReadByPath() throws Exception {
    Path stat = Fixtures.dir("node_exporter").resolve("proc/stat");
    try (KeptOpenProcFile file = new KeptOpenProcFile(stat)) {
      assertEquals(SysfsFiles.read(stat), file.read());
      assertEquals(SysfsFiles.read(stat), file.read());
    }
  }

  @Test
  void aFileLargerThanTheBufferAndRewrittenInPlaceIsReadWhole() throws Exception {
    // An intr line of a large machine: tens of KB, more than the first buffer.
    String large = "cpu0 1 2 3\nintr" + " 0".repeat(30_000) + "\nctxt 7\n";
    Path stat = Files.writeString(dir.resolve("stat"), large);
    try (KeptOpenProcFile file = new KeptOpenProcFile(stat)) {
      assertEquals(large, file.read());
      Files.writeString(stat, "cpu0 4 5 6\n");
      assertEquals("cpu0 4 5 6\n", file.read());
      String larger = large + large;
      Files.writeString(stat, larger);
      assertEquals(larger, file.read());
    }
  }

  @Test
  void aFileRenamedOverTheOpenOneIsReadAtTheNextReopening() throws Exception {
    Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal: 1 kB\n");
    try (KeptOpenProcFile file = new KeptOpenProcFile(meminfo)) {
      assertEquals("MemTotal: 1 kB\n", file.read());
      Path tmp = Files.writeString(dir.resolve(".meminfo.tmp"), "MemTotal: 2 kB\n");
      Files.move(tmp, meminfo, StandardCopyOption.REPLACE_EXISTING);
      // procfs never does this; the open descriptor reads the replaced file until reopened.
      for (int i = 1; i < KeptOpenProcFile.REOPEN_EVERY; i++) {
        assertEquals("MemTotal: 1 kB\n", file.read(), "reading " + i);
      }
      assertEquals("MemTotal: 2 kB\n", file.read());
    }
  }

  @Test
  void aMissingFileFailsNamingIt() throws Exception {
    Path missing = dir.resolve("diskstats");
    try (KeptOpenProcFile file = new KeptOpenProcFile(missing)) {
      NoSuchFileException e = assertThrows(NoSuchFileException.class, file::read);
      assertEquals(missing.toString(), e.getFile());
      // It appears later (a module loaded): read from then on.
      Files.writeString(missing, "8 0 sda\n");
      assertEquals("8 0 sda\n", file.read());
    }
  }

  @Test
  void aClosedFileIsNotOpenedAgain() throws Exception {
    Path stat = Files.writeString(dir.resolve("stat"), "cpu0 1\n");
    KeptOpenProcFile file = new KeptOpenProcFile(stat);
    file.read();
    file.close();
    IOException e = assertThrows(IOException.class, file::read);
    assertTrue(e.getMessage().startsWith(stat + ": "), e.getMessage());
  }

  @Test
  void theLiveNetDevShowsNewTrafficThroughTheSameDescriptor() throws Exception {
    // The machine's own procfs, where one is mounted: the loopback interface's received bytes in
    // /proc/net/dev grow with traffic sent to 127.0.0.1.
    Path netDev = Path.of("/proc/net/dev");
    Assumptions.assumeTrue(Files.isReadable(netDev), "no procfs here");
    try (KeptOpenProcFile file = new KeptOpenProcFile(netDev);
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long before = loopbackReceivedBytes(file.read());
      try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
          Socket accepted = server.accept()) {
        client.getOutputStream().write(new byte[4096]);
        client.getOutputStream().flush();
        accepted.getInputStream().readNBytes(4096);
      }
      long after = loopbackReceivedBytes(file.read());
      assertTrue(after >= before + 4096, before + " then " + after);
    }
  }

  /** The first number after "lo:" in /proc/net/dev (received bytes). */
  private static long loopbackReceivedBytes(String netDev) {
    for (String line : netDev.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("lo:")) {
        return Long.parseLong(Parse.fields(trimmed.substring(3))[0]);
      }
    }
    Assumptions.abort("no lo in /proc/net/dev");
    return 0;
  }
}
