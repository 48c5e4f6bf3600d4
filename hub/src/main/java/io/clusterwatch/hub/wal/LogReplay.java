package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads the log's segments in order and hands every good record to a consumer. A record that is cut
 * short or fails its CRC ends its segment: the segment is truncated there with a warning (a torn
 * write from a power cut or a {@code kill -9} during a write), and reading goes on with the next
 * segment. Replay never throws for bad bytes, so a bad tail cannot make the hub crash in a loop.
 */
final class LogReplay {
  private static final System.Logger LOG = System.getLogger(LogReplay.class.getName());

  private LogReplay() {}

  /** What replay found. */
  record Result(long records, long endPosition, long truncatedBytes) {}

  static Result replay(List<Segment> segments, Consumer<LogRecord> consumer) throws IOException {
    long records = 0;
    long end = 0;
    long truncated = 0;
    for (Segment segment : segments) {
      ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(segment.file()));
      int good = 0;
      String problem = null;
      CRC32C crc = new CRC32C();
      while (data.remaining() > 0) {
        int start = data.position();
        if (data.remaining() < LogRecords.PREFIX) {
          problem = "a record header cut short";
          break;
        }
        int length = data.getInt();
        int expected = data.getInt();
        if (length < 3 || length > LogRecords.MAX_RECORD || length > data.remaining()) {
          problem =
              length > data.remaining() && length >= 3 && length <= LogRecords.MAX_RECORD
                  ? "a record cut short (" + data.remaining() + " of " + length + " bytes)"
                  : "a bad record length " + length;
          break;
        }
        crc.reset();
        crc.update(data.array(), start + LogRecords.PREFIX, length);
        if ((int) crc.getValue() != expected) {
          problem = "a record whose checksum does not match";
          break;
        }
        RecordType type = RecordType.of(data.get());
        int hostLength = Short.toUnsignedInt(data.getShort());
        if (type == null || hostLength > length - 3) {
          problem = "a record of unknown type or bad host length";
          break;
        }
        String host = new String(data.array(), data.position(), hostLength, StandardCharsets.UTF_8);
        int bodyStart = data.position() + hostLength;
        int bodyLength = length - 3 - hostLength;
        ByteBuffer body =
            ByteBuffer.wrap(data.array(), bodyStart, bodyLength).slice().asReadOnlyBuffer();
        data.position(bodyStart + bodyLength);
        good = data.position();
        records++;
        consumer.accept(new LogRecord(type, host, body, segment.startPosition() + good));
      }
      if (problem != null) {
        long cut = data.limit() - good;
        truncated += cut;
        LOG.log(
            Level.WARNING,
            "write-ahead log "
                + segment.file()
                + ": "
                + problem
                + " at byte "
                + good
                + "; cut there, dropping "
                + cut
                + " bytes (a torn write from a crash)");
        try (FileChannel ch = FileChannel.open(segment.file(), StandardOpenOption.WRITE)) {
          ch.truncate(good);
          ch.force(true);
        }
      }
      end = segment.startPosition() + good;
    }
    return new Result(records, end, truncated);
  }
}
