package io.clusterwatch.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A secret kept in a file of its own (a token, a password), so that it never appears on a command
 * line or in a configuration file that many may read.
 */
public final class SecretFile {
  private SecretFile() {}

  /**
   * The file's text without surrounding white space (the newline an editor or {@code echo} adds).
   *
   * @param key the configuration key or flag that named the file, for errors
   * @throws ConfigException when the file is missing, unreadable or holds nothing but white space
   */
  public static String read(Path file, String key) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(key, file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(key, file + ": cannot read it (" + e + ")");
    }
    String secret = text.strip();
    if (secret.isEmpty()) {
      throw new ConfigException(key, file + ": the file is empty");
    }
    if (secret.indexOf('\n') >= 0) {
      throw new ConfigException(key, file + ": expected one line, found several");
    }
    return secret;
  }
}
