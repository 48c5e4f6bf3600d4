package io.clusterwatch.hub.store.chunk;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One immutable file of sealed chunks: one tier, one time block, every series of every host that
 * had values in it. Written to a temporary name, fsynced and renamed, so a crash leaves either the
 * whole file or none. Big-endian:
 *
 * <pre>
 *   4  magic "CWCK"
 *   1  format version (1)
 *   8  block start, ms since the epoch
 *   8  step, ms
 *   4  slots per chunk
 *   4  number of chunks N
 *   N  chunks: u16 host length, host UTF-8, u16 series key length, key UTF-8 (metric{labels}),
 *      u8 kind (0 float XOR, see {@link XorFloatCodec}; 1 counter, see {@link CounterCodec}),
 *      u32 payload length, payload
 *   4  CRC-32C of every byte before it
 * </pre>
 *
 * A file whose magic, version, lengths or CRC do not check out is renamed to {@code *.corrupt}
 * with an error naming it, and reads as no chunks: the rest of the store is still served.
 */
public final class ChunkFile {
  private static final System.Logger LOG = System.getLogger(ChunkFile.class.getName());
  static final int MAGIC = 0x4357434b; // "CWCK"
  static final byte VERSION = 1;
  public static final String SUFFIX = ".chunk";

  /** One series' chunk in a file. */
  public record Chunk(String host, String key, byte kind, byte[] payload) {}

  /** A file's contents. */
  public record Block(long startMs, long stepMs, int slots, List<Chunk> chunks) {}

  private ChunkFile() {}

  public static void write(Path file, Block block) throws IOException {
    int size = 4 + 1 + 8 + 8 + 4 + 4 + 4;
    List<byte[][]> names = new ArrayList<>();
    for (Chunk c : block.chunks()) {
      byte[] host = c.host().getBytes(StandardCharsets.UTF_8);
      byte[] key = c.key().getBytes(StandardCharsets.UTF_8);
      names.add(new byte[][] {host, key});
      size += 2 + host.length + 2 + key.length + 1 + 4 + c.payload().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(MAGIC).put(VERSION).putLong(block.startMs()).putLong(block.stepMs()).putInt(block.slots())
        .putInt(block.chunks().size());
    for (int i = 0; i < block.chunks().size(); i++) {
      Chunk c = block.chunks().get(i);
      out.putShort((short) names.get(i)[0].length).put(names.get(i)[0]);
      out.putShort((short) names.get(i)[1].length).put(names.get(i)[1]);
      out.put(c.kind()).putInt(c.payload().length).put(c.payload());
    }
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
      out.flip();
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads and checks {@code file}; a corrupt one is set aside and reads as null. */
  public static Block read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return parse(bytes);
    } catch (CorruptChunkException | java.nio.BufferUnderflowException | IllegalArgumentException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.log(Level.ERROR, "chunk file " + file + " is corrupt (" + e.getMessage() + "); renamed to "
          + aside.getFileName() + ", the rest of the store is served");
      return null;
    }
  }

  private static Block parse(byte[] bytes) {
    if (bytes.length < 33) {
      throw new CorruptChunkException("only " + bytes.length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
      throw new CorruptChunkException("checksum does not match");
    }
    if (in.getInt() != MAGIC) {
      throw new CorruptChunkException("not a chunk file (bad magic)");
    }
    byte version = in.get();
    if (version != VERSION) {
      throw new CorruptChunkException("format version " + version + ", this hub reads " + VERSION);
    }
    long start = in.getLong();
    long step = in.getLong();
    int slots = in.getInt();
    int n = in.getInt();
    List<Chunk> chunks = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      String host = string(in);
      String key = string(in);
      byte kind = in.get();
      byte[] payload = new byte[in.getInt()];
      in.get(payload);
      chunks.add(new Chunk(host, key, kind, payload));
    }
    if (in.remaining() != 4) {
      throw new CorruptChunkException((in.remaining() - 4) + " bytes after the last chunk");
    }
    return new Block(start, step, slots, chunks);
  }

  private static String string(ByteBuffer in) {
    byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
