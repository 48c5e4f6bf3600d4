package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the log's records in order while the log is being written, from a position on and across
 * segment boundaries, never past a limit the caller gives (the durable position: every byte below
 * it is in a segment file). It only reads: a bad record ends its segment with a warning and reading
 * goes on with the next segment, as replay does, but nothing is cut. One thread at a time.
 */
public final class LogCursor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LogCursor.class.getName());

  private final Path dir;
  private final CRC32C crc = new CRC32C();
  private FileChannel channel;
  private long segmentStart = -1;

  /** Next log position to read. */
  private long position;

  /** Bytes of the current segment read into {@code buffer}, from file offset {@code bufferAt}. */
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

  private long bufferAt;

  /**
   * A cursor over the log in {@code dir} reading the first record that starts at or after {@code
   * position}; a position that falls before the oldest segment reads from the oldest segment.
   */
  public LogCursor(Path dir, long position) {
    this.dir = dir;
    this.position = position;
    buffer.limit(0);
  }

  /**
   * Start of the segment in {@code dir} that holds {@code position} (the newest one starting at or
   * before it); {@code position} itself when no segment does.
   */
  public static long segmentOf(Path dir, long position) throws IOException {
    long start = position;
    for (Segment s : Segment.list(dir)) {
      if (s.startPosition() > position) {
        break;
      }
      start = s.startPosition();
    }
    return start;
  }

  /** Start of the first segment in {@code dir} after {@code position}, or -1 when there is none. */
  public static long nextSegmentAfter(Path dir, long position) throws IOException {
    for (Segment s : Segment.list(dir)) {
      if (s.startPosition() > position) {
        return s.startPosition();
      }
    }
    return -1;
  }

  /** Start of the oldest segment in {@code dir}, or -1 when there is none. */
  public static long oldestSegment(Path dir) throws IOException {
    List<Segment> segments = Segment.list(dir);
    return segments.isEmpty() ? -1 : segments.get(0).startPosition();
  }

  /** The log position of the next record (just after the last one returned). */
  public long position() {
    return position;
  }

  /** Start of the segment being read, or -1 before the first read. */
  public long segmentStart() {
    return segmentStart;
  }

  /**
   * The next record ending at or before {@code limit}, or null when none is there yet. The body is
   * valid until the next call.
   */
  public LogRecord next(long limit) throws IOException {
    while (position < limit) {
      if (channel == null && !open()) {
        return null;
      }
      LogRecord r = readRecord(limit);
      if (r != null) {
        return r;
      }
      if (channel != null) {
        return null; // the rest of the record is not durable yet
      }
    }
    return null;
  }

  /**
   * Opens the segment holding {@code position}: the last one starting at or before it, unless
   * {@code position} is past that one's end and a later one exists (then the later one); the oldest
   * when {@code position} is before every segment. False when there is none.
   */
  private boolean open() throws IOException {
    List<Segment> segments = Segment.list(dir);
    if (segments.isEmpty()) {
      return false;
    }
    int i = 0;
    while (i + 1 < segments.size() && segments.get(i + 1).startPosition() <= position) {
      i++;
    }
    Segment found = segments.get(i);
    try {
      if (found.startPosition() <= position
          && i + 1 < segments.size()
          && position >= found.startPosition() + Files.size(found.file())) {
        found = segments.get(i + 1);
      }
      channel = FileChannel.open(found.file(), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return false; // deleted by a checkpoint meanwhile: list again next time
    }
    segmentStart = found.startPosition();
    position = Math.max(position, segmentStart);
    bufferAt = position - segmentStart;
    buffer.clear().limit(0);
    return true;
  }

  /**
   * The record at {@code position}, or null: when it is not wholly below {@code limit} yet (channel
   * stays open), or when the segment has no more records (channel closed, position moved to the
   * segment's end so that the next open finds the following segment).
   */
  private LogRecord readRecord(long limit) throws IOException {
    long offset = position - segmentStart;
    if (!fill(offset, LogRecords.PREFIX)) {
      return endOfSegment(limit, null);
    }
    int at = (int) (offset - bufferAt);
    int length = buffer.getInt(at);
    int expected = buffer.getInt(at + 4);
    if (length < 3 || length > LogRecords.MAX_RECORD) {
      return endOfSegment(limit, "a bad record length " + length);
    }
    if (position + LogRecords.PREFIX + length > limit) {
      return null;
    }
    if (!fill(offset, LogRecords.PREFIX + length)) {
      return endOfSegment(limit, "a record cut short");
    }
    at = (int) (offset - bufferAt);
    crc.reset();
    crc.update(buffer.array(), at + LogRecords.PREFIX, length);
    if ((int) crc.getValue() != expected) {
      return endOfSegment(limit, "a record whose checksum does not match");
    }
    RecordType type = RecordType.of(buffer.get(at + LogRecords.PREFIX));
    int hostLength = Short.toUnsignedInt(buffer.getShort(at + LogRecords.PREFIX + 1));
    if (type == null || hostLength > length - 3) {
      return endOfSegment(limit, "a record of unknown type or bad host length");
    }
    int hostAt = at + LogRecords.PREFIX + 3;
    String host = new String(buffer.array(), hostAt, hostLength, StandardCharsets.UTF_8);
    ByteBuffer body =
        ByteBuffer.wrap(buffer.array(), hostAt + hostLength, length - 3 - hostLength)
            .slice()
            .asReadOnlyBuffer();
    position += LogRecords.PREFIX + length;
    return new LogRecord(type, host, body, position);
  }

  /**
   * The current segment holds no record at {@code position}. If a later segment exists, this one is
   * finished (a bad record is logged) and reading moves on; else the bytes are simply not written
   * yet.
   */
  private LogRecord endOfSegment(long limit, String problem) throws IOException {
    Segment next = null;
    for (Segment s : Segment.list(dir)) {
      if (s.startPosition() > segmentStart) {
        next = s;
        break;
      }
    }
    if (next == null) {
      if (problem != null && position < limit) {
        LOG.log(
            Level.WARNING,
            "write-ahead log "
                + dir
                + ": "
                + problem
                + " at position "
                + position
                + " below the durable position "
                + limit);
      }
      return null;
    }
    if (problem != null) {
      LOG.log(
          Level.WARNING,
          "write-ahead log "
              + dir
              + ": "
              + problem
              + " at position "
              + position
              + "; reading on from the next segment at "
              + next.startPosition());
    }
    closeChannel();
    position = Math.max(position, next.startPosition());
    return null;
  }

  /** Makes bytes {@code [offset, offset + n)} of the segment readable in the buffer. */
  private boolean fill(long offset, int n) throws IOException {
    if (offset >= bufferAt && offset + n <= bufferAt + buffer.limit()) {
      return true;
    }
    if (buffer.capacity() < n) {
      buffer = ByteBuffer.allocate(Math.max(n, buffer.capacity() * 2));
    }
    buffer.clear();
    bufferAt = offset;
    while (buffer.position() < n) {
      int read = channel.read(buffer, bufferAt + buffer.position());
      if (read <= 0) {
        break;
      }
    }
    buffer.flip();
    return buffer.limit() >= n;
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
    buffer.clear().limit(0);
  }

  @Override
  public void close() throws IOException {
    closeChannel();
  }
}
