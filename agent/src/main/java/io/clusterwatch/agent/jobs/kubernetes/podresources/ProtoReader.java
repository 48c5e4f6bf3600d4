package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format (protobuf.dev "Encoding"): varint keys {@code field << 3 | wire type},
 * wire types 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. Unknown fields are skipped, so
 * newer kubelets that add fields still parse.
 */
final class ProtoReader {
  private final byte[] buf;
  private int pos;
  private final int end;

  ProtoReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtoReader(byte[] buf, int from, int to) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
  }

  boolean hasMore() {
    return pos < end;
  }

  /** The next key; {@link #field} and {@link #wireType} split it. */
  long key() {
    return varint();
  }

  static int field(long key) {
    return (int) (key >>> 3);
  }

  static int wireType(long key) {
    return (int) (key & 7);
  }

  long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IllegalArgumentException("protobuf: varint runs past the end at byte " + pos);
      }
      byte b = buf[pos++];
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("protobuf: varint longer than 10 bytes at byte " + pos);
  }

  /** A length-delimited field's content as a reader of its own. */
  ProtoReader message() {
    int len = length();
    ProtoReader r = new ProtoReader(buf, pos, pos + len);
    pos += len;
    return r;
  }

  String string() {
    int len = length();
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  private int length() {
    long len = varint();
    if (len < 0 || len > end - pos) {
      throw new IllegalArgumentException(
          "protobuf: length " + len + " at byte " + pos + " runs past the end");
    }
    return (int) len;
  }

  void skip(long key) {
    switch (wireType(key)) {
      case 0:
        varint();
        break;
      case 1:
        advance(8);
        break;
      case 2:
        advance(length());
        break;
      case 5:
        advance(4);
        break;
      default:
        throw new IllegalArgumentException(
            "protobuf: unsupported wire type " + wireType(key) + " at byte " + pos);
    }
  }

  private void advance(int n) {
    if (n > end - pos) {
      throw new IllegalArgumentException("protobuf: field runs past the end at byte " + pos);
    }
    pos += n;
  }
}
