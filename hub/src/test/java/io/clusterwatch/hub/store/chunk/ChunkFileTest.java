package io.clusterwatch.hub.store.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkFileTest {
  @TempDir Path dir;

  private static final ChunkFile.Header HEADER =
      new ChunkFile.Header(1, 1_700_000_000_000L, 10_000, 360, 32, 3);
  private static final byte[] POWER =
      XorFloatCodec.encode(new float[] {1f, 2f, Float.NaN, 4f}, 0, 4);
  private static final byte[] RECEIVE = XorFloatCodec.encode(new float[] {5f, 5f, 5f, 5f}, 0, 4);

  private static List<ChunkFile.Host> hosts() {
    return List.of(
        new ChunkFile.Host(
            "node-a",
            List.of(
                ChunkFile.Series.of(
                    "gpu_power_watts", List.of("gpu", "0"), (byte) 0, "watts", 1.0, POWER))),
        new ChunkFile.Host(
            "node-b",
            List.of(
                ChunkFile.Series.of(
                    "node_network_receive_bytes_total",
                    List.of("device", "ib0", "port", "1"),
                    (byte) 1,
                    "bytes",
                    0.5,
                    RECEIVE))));
  }

  private static byte[] chunkAt(Path file, ChunkFile.Series s) throws Exception {
    byte[] all = Files.readAllBytes(file);
    return Arrays.copyOfRange(all, (int) s.offset(), (int) s.offset() + s.length());
  }

  @Test
  void aWrittenFileReadsBackThroughItsIndex() throws Exception {
    Path file = dir.resolve("1700000000000-0" + ChunkFile.SUFFIX);
    ChunkFile.Contents written = ChunkFile.write(file, HEADER, hosts());
    ChunkFile.Contents back = ChunkFile.read(file);
    assertEquals(HEADER, back.header());
    assertEquals(written.hosts(), back.hosts());
    assertEquals(2, back.hosts().size());
    assertEquals("node-b", back.hosts().get(1).host());
    ChunkFile.Series b = ChunkFile.readSection(file, back.hosts().get(1)).get(0);
    assertEquals(List.of("device", "ib0", "port", "1"), b.labels());
    assertEquals(1, b.type());
    assertEquals("bytes", b.unit());
    assertEquals(0.5, b.scale());
    assertArrayEquals(RECEIVE, chunkAt(file, b));
    assertArrayEquals(
        POWER, chunkAt(file, ChunkFile.readSection(file, back.hosts().get(0)).get(0)));
    assertFalse(Files.exists(dir.resolve(file.getFileName() + ".tmp")));
  }

  @Test
  void aCorruptIndexIsRenamedAsideAndReadsAsNothing() throws Exception {
    Path file = dir.resolve("1700000000000-0" + ChunkFile.SUFFIX);
    ChunkFile.write(file, HEADER, hosts());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 30] ^= 1; // inside the host table
    Files.write(file, bytes);
    assertNull(ChunkFile.read(file));
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(dir.resolve("1700000000000-0.chunk.corrupt")));
  }

  @Test
  void aCorruptHostSectionIsAnErrorNamingTheFileAndHost() throws Exception {
    Path file = dir.resolve("1-0.chunk");
    ChunkFile.Contents written = ChunkFile.write(file, HEADER, hosts());
    ChunkFile.Section a = written.hosts().get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) a.offset() + 6] ^= 1;
    Files.write(file, bytes);
    CorruptChunkException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CorruptChunkException.class, () -> ChunkFile.readSection(file, a));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("node-a"),
        e.getMessage());
    assertEquals(
        1, ChunkFile.readSection(file, written.hosts().get(1)).size(), "the other host reads");
  }

  @Test
  void aTruncatedFileIsSetAsideToo() throws Exception {
    Path file = dir.resolve("1-0.chunk");
    ChunkFile.write(file, HEADER, hosts());
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 20));
    assertNull(ChunkFile.read(file));
    assertTrue(Files.exists(dir.resolve("1-0.chunk.corrupt")));
  }
}
