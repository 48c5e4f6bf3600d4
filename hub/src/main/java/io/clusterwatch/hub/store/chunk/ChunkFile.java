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
 * file or none. The index at the end maps each host and series key to its chunk: a host table (read
 * when the file is opened) points at one index section per host (read when a query first needs that
 * host's chunks of the file), so memory does not grow with the series of old files. Big-endian:
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
 *   one index section per host:
 *     4  series count S; S times:
 *       2 + n  metric; 2 label count, per label 2 + n name, 2 + n value
 *       1      type (0 gauge, 1 counter: values are per-second rates)
 *       2 + n  unit
 *       8      scale (IEEE double)
 *       8      chunk offset in the file; 4 chunk length; 4 CRC-32C of the chunk
 *   host table:
 *     4  host count H; H times: 2 + n host, UTF-8; 8 section offset; 4 section length;
 *        4 CRC-32C of the section
 *   footer, 20 bytes: 8 host table offset, 4 host table length, 4 CRC-32C of the header and the
 *     host table, 4 magic "CWCK"
 * </pre>
 *
 * A file whose magic, version, lengths or header checksum do not check out is renamed to {@code
 * *.corrupt} with an error naming it and reads as nothing: the rest of the store is served. A
 * section or chunk failing its checksum later is an error naming the file; it reads as gaps.
 */
public final class ChunkFile {
  private static final System.Logger LOG = System.getLogger(ChunkFile.class.getName());
  static final int MAGIC = 0x4357434b; // "CWCK"
  static final byte VERSION = 2;
  static final int HEADER = 38;
  static final int FOOTER = 20;
  public static final String SUFFIX = ".chunk";

  /** What a file is about. */
  public record Header(
      int tier, long startMs, long stepMs, int blockSlots, int subSlots, int width) {}

  /** One series of a host, as written (payload) or as indexed (offset, length, crc). */
  public record Series(
      String metric,
      List<String> labels,
      byte type,
      String unit,
      double scale,
      byte[] payload,
      long offset,
      int length,
      int crc) {
    public static Series of(
        String metric, List<String> labels, byte type, String unit, double scale, byte[] payload) {
      return new Series(metric, labels, type, unit, scale, payload, 0, payload.length, 0);
    }
  }

  /** The series of one host in a file. */
  public record Host(String host, List<Series> series) {}

  /** Where a host's index section lies in a file. */
  public record Section(String host, long offset, int length, int crc) {}

  /** A file's header and host table. */
  public record Contents(Header header, List<Section> hosts) {}

  private ChunkFile() {}

  /**
   * Writes, fsyncs and renames into place.
   *
   * @return the header and where each host's index section lies
   */
  public static Contents write(Path file, Header header, List<Host> hosts) throws IOException {
    return ChunkFileWriter.write(file, header, hosts);
  }

  /**
   * Reads and checks the header and index of {@code file}; a corrupt one is set aside (renamed to
   * {@code *.corrupt}) and reads as null.
   */
  public static Contents read(Path file) throws IOException {
    try {
      return open(file);
    } catch (CorruptChunkException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      LOG.log(
          Level.ERROR,
          "chunk file "
              + file
              + " is corrupt ("
              + e.getMessage()
              + "); renamed to "
              + aside.getFileName()
              + ", the rest of the store is served");
      return null;
    }
  }

  /**
   * Reads and checks the header and host table of {@code file}.
   *
   * @throws CorruptChunkException when they do not check out
   */
  public static Contents open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return parse(ch);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptChunkException(String.valueOf(e.getMessage()));
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
      throw new CorruptChunkException(
          "index at " + indexOffset + " of " + indexLength + " bytes does not fit");
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
    Header header =
        new Header(
            head.get(), head.getLong(), head.getLong(), head.getInt(), head.getInt(), head.get());
    int hostCount = index.getInt();
    List<Section> hosts = new ArrayList<>();
    for (int h = 0; h < hostCount; h++) {
      String host = string(index);
      long offset = index.getLong();
      int length = index.getInt();
      int sectionCrc = index.getInt();
      if (offset < HEADER || length < 4 || offset + length > indexOffset) {
        throw new CorruptChunkException(
            "the index section of host " + host + " lies outside the file");
      }
      hosts.add(new Section(host, offset, length, sectionCrc));
    }
    if (index.hasRemaining()) {
      throw new CorruptChunkException(index.remaining() + " bytes after the host table");
    }
    return new Contents(header, hosts);
  }

  /**
   * Reads one host's index section.
   *
   * @throws CorruptChunkException when it does not match its checksum or does not parse
   */
  public static List<Series> readSection(Path file, Section section) throws IOException {
    ByteBuffer in;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      in = readAt(ch, section.offset(), section.length());
    }
    CRC32C crc = new CRC32C();
    crc.update(in.array());
    if ((int) crc.getValue() != section.crc()) {
      throw new CorruptChunkException(
          "chunk file "
              + file
              + ": the index of host "
              + section.host()
              + " does not match its checksum");
    }
    try {
      int n = in.getInt();
      List<Series> series = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        String metric = string(in);
        int labels = Short.toUnsignedInt(in.getShort());
        List<String> names = new ArrayList<>(2 * labels);
        for (int l = 0; l < 2 * labels; l++) {
          names.add(string(in));
        }
        byte type = in.get();
        String unit = string(in);
        double scale = in.getDouble();
        long offset = in.getLong();
        int length = in.getInt();
        int chunkCrc = in.getInt();
        if (offset < HEADER || length < 0 || offset + length > section.offset()) {
          throw new CorruptChunkException(
              "chunk file "
                  + file
                  + ": a chunk at "
                  + offset
                  + " of "
                  + length
                  + " bytes lies outside the chunks");
        }
        series.add(new Series(metric, names, type, unit, scale, null, offset, length, chunkCrc));
      }
      return series;
    } catch (java.nio.BufferUnderflowException e) {
      throw new CorruptChunkException(
          "chunk file " + file + ": the index of host " + section.host() + " ends early");
    }
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
