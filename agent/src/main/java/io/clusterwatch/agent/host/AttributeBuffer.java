package io.clusterwatch.agent.host;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The buffer {@link KeptOpenAttribute} reads into, made once per reader and reused for every file:
 * direct, so the channel reads into it without a copy, and one byte longer than an attribute may
 * be, so that a longer file is told from one that fits.
 */
public final class AttributeBuffer {
  private final ByteBuffer direct = ByteBuffer.allocateDirect(SysfsFiles.MAX_ATTRIBUTE_BYTES + 1);
  private final byte[] bytes = new byte[SysfsFiles.MAX_ATTRIBUTE_BYTES];

  public AttributeBuffer() {}

  ByteBuffer clear() {
    return direct.clear();
  }

  /** The first {@code length} bytes read, as trimmed text; {@code file} names it in errors. */
  String text(Path file, int length) throws HostFileFormatException {
    if (length > SysfsFiles.MAX_ATTRIBUTE_BYTES) {
      throw new HostFileFormatException(
          file
              + ": more than "
              + SysfsFiles.MAX_ATTRIBUTE_BYTES
              + " bytes is too long for an attribute");
    }
    direct.get(0, bytes, 0, length);
    return new String(bytes, 0, length, StandardCharsets.UTF_8).strip();
  }
}
