package io.clusterwatch.hub.agentauth;

import io.clusterwatch.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The per-node tokens of {@code ingest.tokens_file}: one {@code TOKEN HOST_GLOB} per line, blank
 * lines and {@code #} comments allowed. Only the tokens' SHA-256 digests are kept.
 */
public final class TokenTable {
  /** The configuration key, named in errors. */
  public static final String KEY = "ingest.tokens_file";

  /** Shorter tokens are guessable; {@code openssl rand -hex 32} makes 64 characters. */
  static final int MIN_TOKEN_LENGTH = 16;

  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

  /** One line: the token's digest and the hosts it may claim. */
  record Entry(byte[] digest, HostGlob hosts) {}

  private final List<Entry> entries;

  private TokenTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No per-node tokens. */
  public static TokenTable empty() {
    return new TokenTable(List.of());
  }

  /**
   * Reads {@code file}.
   *
   * @throws ConfigException naming {@link #KEY} and {@code file:line} for the first bad line
   */
  public static TokenTable read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(KEY, file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(KEY, file + ": cannot read it (" + e + ")");
    }
    return parse(lines, file.toString());
  }

  /**
   * Parses the lines of a tokens file.
   *
   * @param source the file, named in errors
   */
  static TokenTable parse(List<String> lines, String source) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      String where = source + ":" + (i + 1) + ": ";
      if (fields.length != 2) {
        throw new ConfigException(
            KEY, where + "expected 'TOKEN HOST_GLOB', found " + fields.length + " fields");
      }
      if (fields[0].length() < MIN_TOKEN_LENGTH || !TOKEN.matcher(fields[0]).matches()) {
        throw new ConfigException(
            KEY,
            where
                + "a token must be at least "
                + MIN_TOKEN_LENGTH
                + " printable characters (make one with 'openssl rand -hex 32')");
      }
      HostGlob glob;
      try {
        glob = HostGlob.parse(fields[1]);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(KEY, where + e.getMessage());
      }
      entries.add(new Entry(TokenDigest.of(fields[0]), glob));
    }
    return new TokenTable(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }
}
