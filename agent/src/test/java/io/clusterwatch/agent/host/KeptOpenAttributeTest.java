package io.clusterwatch.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptOpenAttributeTest {
  private final Path ib = Fixtures.dir("procfs").resolve("sys/class/infiniband");
  private final AttributeBuffer buffer = new AttributeBuffer();

  @Test
  void readsTheSameTextAsAReadByPath() throws Exception {
    // "InfiniBand\n\n", a file without a newline, and a long board id
    for (String file :
        new String[] {"mlx4_0/ports/2/link_layer", "mlx5_0/node_guid", "hfi1_0/board_id"}) {
      try (KeptOpenFiles files = new KeptOpenFiles()) {
        KeptOpenAttribute attribute = files.open(ib.resolve(file)).orElseThrow();
        assertEquals(
            SysfsFiles.readTrimmed(ib.resolve(file)).orElseThrow(),
            attribute.readTrimmed(buffer),
            file);
      }
    }
  }

  @Test
  void readsAgainFromTheStartEachTime(@TempDir Path dir) throws Exception {
    Path counter = Files.writeString(dir.resolve("port_rcv_data"), "123456789\n");
    try (KeptOpenFiles files = new KeptOpenFiles()) {
      KeptOpenAttribute attribute = files.open(counter).orElseThrow();
      assertEquals("123456789", attribute.readTrimmed(buffer));
      assertEquals("123456789", attribute.readTrimmed(buffer));
      // Rewritten in place, shorter: the kernel's text of a sysfs attribute changes the same way.
      Files.writeString(counter, "42\n");
      assertEquals("42", attribute.readTrimmed(buffer));
      Files.writeString(counter, "");
      assertEquals("", attribute.readTrimmed(buffer));
    }
  }

  @Test
  void missingFileIsEmpty(@TempDir Path dir) throws Exception {
    try (KeptOpenFiles files = new KeptOpenFiles()) {
      assertEquals(Optional.empty(), files.open(dir.resolve("hca_type")));
      assertEquals(Optional.empty(), files.openIfReadable(dir.resolve("hca_type")));
      assertEquals(0, files.size());
    }
  }

  @Test
  void longerThanAnAttributeFailsNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rate"), "1".repeat(SysfsFiles.MAX_ATTRIBUTE_BYTES));
    try (KeptOpenFiles files = new KeptOpenFiles()) {
      KeptOpenAttribute attribute = files.open(file).orElseThrow();
      assertEquals(SysfsFiles.MAX_ATTRIBUTE_BYTES, attribute.readTrimmed(buffer).length());
      Files.writeString(file, "1".repeat(SysfsFiles.MAX_ATTRIBUTE_BYTES + 1));
      HostFileFormatException e =
          assertThrows(HostFileFormatException.class, () -> attribute.readTrimmed(buffer));
      assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }
  }

  @Test
  void closingTheGroupClosesEveryFile(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "1\n");
    Path b = Files.writeString(dir.resolve("b"), "2\n");
    KeptOpenFiles files = new KeptOpenFiles();
    KeptOpenAttribute first = files.open(a).orElseThrow();
    KeptOpenAttribute second = files.open(b).orElseThrow();
    assertEquals(2, files.size());
    files.close();
    assertEquals(0, files.size());
    assertThrows(java.nio.channels.ClosedChannelException.class, () -> first.readTrimmed(buffer));
    assertThrows(java.nio.channels.ClosedChannelException.class, () -> second.readTrimmed(buffer));
  }

  @Test
  void unreadableFileIsLeftOutWhenAsked(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("port_xmit_wait"), "1\n");
    file.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root");
    try (KeptOpenFiles files = new KeptOpenFiles()) {
      assertEquals(Optional.empty(), files.openIfReadable(file));
      assertThrows(java.nio.file.AccessDeniedException.class, () -> files.open(file));
    }
  }

  @Test
  void aLiveSysfsCounterReadsItsNewValueThroughTheSameDescriptor() throws Exception {
    // The machine's own sysfs, where one is mounted: the loopback interface's received bytes grow
    // with traffic sent to 127.0.0.1, and a pread at offset 0 shows the kernel's value now.
    Path rxBytes = Path.of("/sys/class/net/lo/statistics/rx_bytes");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(rxBytes), "no sysfs here");
    try (KeptOpenFiles files = new KeptOpenFiles();
        java.net.ServerSocket server =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      KeptOpenAttribute attribute = files.open(rxBytes).orElseThrow();
      long before = Long.parseLong(attribute.readTrimmed(buffer));
      try (java.net.Socket client =
              new java.net.Socket(server.getInetAddress(), server.getLocalPort());
          java.net.Socket accepted = server.accept()) {
        client.getOutputStream().write(new byte[4096]);
        client.getOutputStream().flush();
        accepted.getInputStream().readNBytes(4096);
      }
      long after = Long.parseLong(attribute.readTrimmed(buffer));
      assertTrue(after >= before + 4096, before + " then " + after);
    }
  }
}
