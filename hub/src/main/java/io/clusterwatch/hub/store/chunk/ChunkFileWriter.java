package io.clusterwatch.hub.store.chunk;

import static io.clusterwatch.hub.store.chunk.ChunkFile.FOOTER;
import static io.clusterwatch.hub.store.chunk.ChunkFile.HEADER;
import static io.clusterwatch.hub.store.chunk.ChunkFile.MAGIC;
import static io.clusterwatch.hub.store.chunk.ChunkFile.VERSION;

import io.clusterwatch.hub.store.chunk.ChunkFile.Contents;
import io.clusterwatch.hub.store.chunk.ChunkFile.Header;
import io.clusterwatch.hub.store.chunk.ChunkFile.Host;
import io.clusterwatch.hub.store.chunk.ChunkFile.Section;
import io.clusterwatch.hub.store.chunk.ChunkFile.Series;
import java.io.IOException;
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
 * Writes a {@link ChunkFile} in its format (big-endian: header, chunks, one index section per host,
 * host table, footer; see {@link ChunkFile}): lays out the chunks, computes each one's offset and
 * CRC-32C, and writes to a temporary name, fsyncs and renames into place.
 */
final class ChunkFileWriter {
  private ChunkFileWriter() {}

  /**
   * Writes, fsyncs and renames into place.
   *
   * @return the header and where each host's index section lies
   */
  static Contents write(Path file, Header header, List<Host> hosts) throws IOException {
    List<Host> indexed = new ArrayList<>();
    long offset = HEADER;
    CRC32C crc = new CRC32C();
    for (Host h : hosts) {
      List<Series> series = new ArrayList<>();
      for (Series s : h.series()) {
        crc.reset();
        crc.update(s.payload());
        series.add(
            new Series(
                s.metric(),
                s.labels(),
                s.type(),
                s.unit(),
                s.scale(),
                null,
                offset,
                s.payload().length,
                (int) crc.getValue()));
        offset += s.payload().length;
      }
      indexed.add(new Host(h.host(), series));
    }
    ByteBuffer head = header(header);
    List<byte[]> sections = new ArrayList<>();
    List<Section> table = new ArrayList<>();
    for (Host h : indexed) {
      byte[] section = section(h.series());
      crc.reset();
      crc.update(section);
      table.add(new Section(h.host(), offset, section.length, (int) crc.getValue()));
      sections.add(section);
      offset += section.length;
    }
    byte[] index = hostTable(table);
    crc.reset();
    crc.update(head.array(), 0, HEADER);
    crc.update(index);
    ByteBuffer footer = ByteBuffer.allocate(FOOTER);
    footer.putLong(offset).putInt(index.length).putInt((int) crc.getValue()).putInt(MAGIC).flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(ch, head);
      for (Host h : hosts) {
        for (Series s : h.series()) {
          writeFully(ch, ByteBuffer.wrap(s.payload()));
        }
      }
      for (byte[] section : sections) {
        writeFully(ch, ByteBuffer.wrap(section));
      }
      writeFully(ch, ByteBuffer.wrap(index));
      writeFully(ch, footer);
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return new Contents(header, table);
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static ByteBuffer header(Header h) {
    ByteBuffer b = ByteBuffer.allocate(HEADER);
    b.putInt(MAGIC)
        .put(VERSION)
        .put((byte) h.tier())
        .putLong(h.startMs())
        .putLong(h.stepMs())
        .putInt(h.blockSlots())
        .putInt(h.subSlots())
        .put((byte) h.width());
    b.position(HEADER).flip();
    return b;
  }

  private static byte[] hostTable(List<Section> hosts) {
    Out out = new Out();
    out.b.putInt(hosts.size());
    for (Section h : hosts) {
      out.string(h.host());
      out.room(16);
      out.b.putLong(h.offset()).putInt(h.length()).putInt(h.crc());
    }
    return out.bytes();
  }

  private static byte[] section(List<Series> series) {
    Out out = new Out();
    out.b.putInt(series.size());
    {
      for (Series s : series) {
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
    return out.bytes();
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

    byte[] bytes() {
      byte[] bytes = new byte[b.position()];
      b.get(0, bytes);
      return bytes;
    }

    void string(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0xffff) {
        throw new IllegalArgumentException(
            "a name of " + bytes.length + " bytes is too long for a chunk file");
      }
      room(2 + bytes.length);
      b.putShort((short) bytes.length).put(bytes);
    }
  }
}
