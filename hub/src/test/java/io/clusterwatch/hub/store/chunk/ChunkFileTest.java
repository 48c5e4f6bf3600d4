package io.clusterwatch.hub.store.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkFileTest {
  @TempDir Path dir;

  private static ChunkFile.Block block() {
    float[] v = {1f, 2f, Float.NaN, 4f};
    return new ChunkFile.Block(1_700_000_000_000L, 1000, 4, List.of(
        new ChunkFile.Chunk("node-a", "gpu_power_watts{gpu=\"0\"}", (byte) 0, XorFloatCodec.encode(v, 0, 4)),
        new ChunkFile.Chunk("node-b", "node_network_receive_bytes_total{device=\"ib0\"}", (byte) 1,
            CounterCodec.encode(new long[] {1, 2, 3, 4}, null, 4))));
  }

  @Test
  void aWrittenFileReadsBack() throws Exception {
    Path file = dir.resolve("1700000000000" + ChunkFile.SUFFIX);
    ChunkFile.write(file, block());
    ChunkFile.Block back = ChunkFile.read(file);
    assertEquals(1_700_000_000_000L, back.startMs());
    assertEquals(2, back.chunks().size());
    assertEquals("node-b", back.chunks().get(1).host());
    assertArrayEquals(block().chunks().get(0).payload(), back.chunks().get(0).payload());
    assertFalse(Files.exists(dir.resolve(file.getFileName() + ".tmp")));
  }

  @Test
  void aCorruptFileIsRenamedAsideAndReadsAsNothing() throws Exception {
    Path file = dir.resolve("1700000000000" + ChunkFile.SUFFIX);
    ChunkFile.write(file, block());
    byte[] bytes = Files.readAllBytes(file);
    bytes[40] ^= 1;
    Files.write(file, bytes);
    assertNull(ChunkFile.read(file));
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(dir.resolve("1700000000000.chunk.corrupt")));
  }

  @Test
  void aTruncatedFileIsSetAsideToo() throws Exception {
    Path file = dir.resolve("1.chunk");
    ChunkFile.write(file, block());
    Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
    assertNull(ChunkFile.read(file));
    assertTrue(Files.exists(dir.resolve("1.chunk.corrupt")));
  }
}
