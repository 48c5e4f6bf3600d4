package io.clusterwatch.hub.store.chunk;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One immutable file of sealed chunks: one tier, one time block, the series of the hosts sealed
 * together. Written to a temporary name, fsynced and renamed, so a crash leaves either the whole
 * file or none. The index at the end maps each host and series key to its chunk, so opening a file
 * reads only the header and the index. Big-endian:
 *
 * <pre>
 *   header, 38 bytes:
 *     4  magic "CWCK"
 *     1  format version (2)
 *     1  tier (0 raw, 1 the first rollup, ...)
 *     8  block start, ms since the epoch
 *     8  step, ms
 *     4  slots in the block
 *     4  slots per sub-chunk
 *     1  fields per slot (1 raw; 3 rollup: min, avg, max)
 *     7  reserved, zero
 *   chunks, back to back (each a sealed column: see the store's SealedChunks)
 *   index:
 *     4  host count H; H times:
 *       2 + n  host, UTF-8
 *       4      series count S; S times:
 *         2 + n  metric; 2 label count, per label 2 + n name, 2 + n value
 *         1      type (0 gauge, 1 counter: values are per-second rates)
 *         2 + n  unit
 *         8      scale (IEEE double)
 *         8      chunk offset in the file; 4 chunk length; 4 CRC-32C of the chunk
 *   footer, 20 bytes: 8 index offset, 4 index length, 4 CRC-32C of header and index, 4 magic "CWCK"
 * </pre>
 *
 * A file whose magic, version, lengths or checksum do not check out is renamed to
 * {@code *.corrupt} with an error naming it and reads as nothing: the rest of the store is served.
 */
public final class ChunkFile {
  private static final System.Logger LOG = System.getLogger(ChunkFile.class.getName());
  static final int MAGIC = 0x4357434b; // "CWCK"
  static final byte VERSION = 2;
  static final int HEADER = 38;
  static final int FOOTER = 20;
  public static final String SUFFIX = ".chunk";

  /** What a file is about. */
  public record Header(int tier, long startMs, long stepMs, int blockSlots, int subSlots, int width) {}

  /** One series of a host, as written (payload) or as indexed (offset, length, crc). */
  public record Series(String metric, List<String> labels, byte type, String unit, double scale,
      byte[] payload, long offset, int length, int crc) {
    public static Series of(String metric, List<String> labels, byte type, String unit, double scale,
        byte[] payload) {
      return new Series(metric, labels, type, unit, scale, payload, 0, payload.length, 0);
    }
  }

  /** The series of one host in a file. */
  public record Host(String host, List<Series> series) {}

  /** A file's header and index. */
  public record Contents(Header header, List<Host> hosts) {}

  private ChunkFile() {}

  /**
   * Writes, fsyncs and renames into place.
   *
   * @return the contents as indexed (offsets, lengths and checksums of every chunk)
   */
  public static Contents write(Path file, Header header, List<Host> hosts) throws IOException {
    List<Host> indexed = new ArrayList<>();
    long offset = HEADER;
    CRC32C crc = new CRC32C();
    for (Host h : hosts) {
      List<Series> series = new ArrayList<>();
      for (Series s : h.series()) {
        crc.reset();
        crc.update(s.payload());
        series.add(new Series(s.metric(), s.labels(), s.type(), s.unit(), s.scale(), null, offset,
            s.payload().length, (int) crc.getValue()));
        offset += s.payload().length;
      }
      indexed.add(new Host(h.host(), series));
    }
    ByteBuffer head = header(header);
    byte[] index = index(indexed);
    crc.reset();
    crc.update(head.array(), 0, HEADER);
    crc.update(index);
    ByteBuffer footer = ByteBuffer.allocate(FOOTER);
    footer.putLong(offset).putInt(index.length).putInt((int) crc.getValue()).putInt(MAGIC).flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      writeFully(ch, head);
      for (Host h : hosts) {
        for (Series s : h.series()) {
          writeFully(ch, ByteBuffer.wrap(s.payload()));
        }
      }
      writeFully(ch, ByteBuffer.wrap(index));
      writeFully(ch, footer);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return new Contents(header, indexed);
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static ByteBuffer header(Header h) {
    ByteBuffer b = ByteBuffer.allocate(HEADER);
    b.putInt(MAGIC).put(VERSION).put((byte) h.tier()).putLong(h.startMs()).putLong(h.stepMs())
        .putInt(h.blockSlots()).putInt(h.subSlots()).put((byte) h.width());
    b.position(HEADER).flip();
    return b;
  }

  private static byte[] index(List<Host> hosts) {
    Out out = new Out();
    out.b.putInt(hosts.size());
    for (Host h : hosts) {
      out.string(h.host());
      out.room(4);
      out.b.putInt(h.series().size());
      for (Series s : h.series()) {
        out.string(s.metric());
        out.room(2);
        out.b.putShort((short) (s.labels().size() / 2));
        for (String l : s.labels()) {
          out.string(l);
        }
        out.room(1);
        out.b.put(s.type());
        out.string(s.unit());
        out.room(24);
        out.b.putDouble(s.scale()).putLong(s.offset()).putInt(s.length()).putInt(s.crc());
      }
    }
    byte[] bytes = new byte[out.b.position()];
    out.b.get(0, bytes);
    return bytes;
  }

  /** A growable big-endian buffer. */
  private static final class Out {
    ByteBuffer b = ByteBuffer.allocate(1 << 12);

    void room(int n) {
      if (b.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n));
        b.flip();
        bigger.put(b);
        b = bigger;
      }
    }

    void string(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0xffff) {
        throw new IllegalArgumentException("a name of " + bytes.length + " bytes is too long for a chunk file");
      }
      room(2 + bytes.length);
      b.putShort((short) bytes.length).put(bytes);
    }
  }

  /**
   * Reads and checks the header and index of {@code file}; a corrupt one is set aside (renamed to
   * {@code *.corrupt}) and reads as null.
   */
  public static Contents read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return parse(ch);
    } catch (CorruptChunkException | java.nio.BufferUnderflowException | IllegalArgumentException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.log(Level.ERROR, "chunk file " + file + " is corrupt (" + e.getMessage() + "); renamed to "
          + aside.getFileName() + ", the rest of the store is served");
      return null;
    }
  }

  private static Contents parse(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < HEADER + FOOTER) {
      throw new CorruptChunkException("only " + size + " bytes");
    }
    ByteBuffer footer = readAt(ch, size - FOOTER, FOOTER);
    long indexOffset = footer.getLong();
    int indexLength = footer.getInt();
    int expected = footer.getInt();
    if (footer.getInt() != MAGIC) {
      throw new CorruptChunkException("not a chunk file (bad magic at the end)");
    }
    if (indexOffset < HEADER || indexLength < 4 || indexOffset + indexLength != size - FOOTER) {
      throw new CorruptChunkException("index at " + indexOffset + " of " + indexLength + " bytes does not fit");
    }
    ByteBuffer head = readAt(ch, 0, HEADER);
    ByteBuffer index = readAt(ch, indexOffset, indexLength);
    CRC32C crc = new CRC32C();
    crc.update(head.array());
    crc.update(index.array());
    if ((int) crc.getValue() != expected) {
      throw new CorruptChunkException("header and index do not match their checksum");
    }
    if (head.getInt() != MAGIC) {
      throw new CorruptChunkException("not a chunk file (bad magic)");
    }
    byte version = head.get();
    if (version != VERSION) {
      throw new CorruptChunkException("format version " + version + ", this hub reads " + VERSION);
    }
    Header header = new Header(head.get(), head.getLong(), head.getLong(), head.getInt(), head.getInt(), head.get());
    int hostCount = index.getInt();
    List<Host> hosts = new ArrayList<>();
    for (int h = 0; h < hostCount; h++) {
      String host = string(index);
      int n = index.getInt();
      List<Series> series = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        String metric = string(index);
        int labels = Short.toUnsignedInt(index.getShort());
        List<String> names = new ArrayList<>(2 * labels);
        for (int l = 0; l < 2 * labels; l++) {
          names.add(string(index));
        }
        byte type = index.get();
        String unit = string(index);
        double scale = index.getDouble();
        long offset = index.getLong();
        int length = index.getInt();
        int chunkCrc = index.getInt();
        if (offset < HEADER || length < 0 || offset + length > indexOffset) {
          throw new CorruptChunkException("a chunk at " + offset + " of " + length + " bytes lies outside the chunks");
        }
        series.add(new Series(metric, names, type, unit, scale, null, offset, length, chunkCrc));
      }
      hosts.add(new Host(host, series));
    }
    if (index.hasRemaining()) {
      throw new CorruptChunkException(index.remaining() + " bytes after the index");
    }
    return new Contents(header, hosts);
  }

  private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new CorruptChunkException("ends early");
      }
    }
    return b.flip();
  }

  private static String string(ByteBuffer in) {
    byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
