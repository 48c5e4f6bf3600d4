package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds protobuf wire bytes for tests, the way protoc-generated code lays them out. */
final class Proto {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Proto message() {
    return new Proto();
  }

  private void varint(long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  Proto bytes(int field, byte[] b) {
    varint((long) field << 3 | 2);
    varint(b.length);
    out.write(b, 0, b.length);
    return this;
  }

  Proto string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  Proto message(int field, Proto m) {
    return bytes(field, m.build());
  }

  Proto uint(int field, long v) {
    varint((long) field << 3);
    varint(v);
    return this;
  }

  Proto fixed32(int field, int v) {
    varint((long) field << 3 | 5);
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i));
    }
    return this;
  }

  byte[] build() {
    return out.toByteArray();
  }
}
