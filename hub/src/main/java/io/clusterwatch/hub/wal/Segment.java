package io.clusterwatch.hub.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One segment file of the log, named by the log position of its first byte: {@code
 * 0000000000001234.wal}.
 */
record Segment(Path file, long startPosition) {
  static final String SUFFIX = ".wal";

  static Path name(Path dir, long startPosition) {
    return dir.resolve(String.format("%016d%s", startPosition, SUFFIX));
  }

  /** The segments in {@code dir}, oldest first. */
  static List<Segment> list(Path dir) throws IOException {
    List<Segment> segments = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (n.endsWith(SUFFIX) && n.length() == 16 + SUFFIX.length()) {
          try {
            segments.add(new Segment(f, Long.parseLong(n.substring(0, 16))));
          } catch (NumberFormatException e) {
            // not a segment of ours
          }
        }
      }
    }
    segments.sort((a, b) -> Long.compare(a.startPosition, b.startPosition));
    return segments;
  }
}
