package io.clusterwatch.protocol.arbitrary;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One hostile edit of a binary frame. Positions are taken modulo the length of the frame the edit
 * meets, so that edits stack; an edit that does not fit (a field past the end) leaves the frame as
 * it is. Records, so that a failing sample reads as what was done to the frame.
 */
public sealed interface FrameEdit {
  byte[] apply(byte[] frame);

  /** Flips bit {@code bit} of byte {@code position}. */
  record FlipBit(int position, int bit) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (frame.length == 0) {
        return frame;
      }
      byte[] out = frame.clone();
      out[Math.floorMod(position, out.length)] ^= (byte) (1 << Math.floorMod(bit, 8));
      return out;
    }
  }

  /** Keeps the first {@code keep} bytes. */
  record Truncate(int keep) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      return Arrays.copyOf(frame, Math.floorMod(keep, frame.length + 1));
    }
  }

  /** Appends {@code tail}. */
  record Extend(byte[] tail) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      byte[] out = Arrays.copyOf(frame, frame.length + tail.length);
      System.arraycopy(tail, 0, out, frame.length, tail.length);
      return out;
    }

    @Override
    public String toString() {
      return "Extend[" + tail.length + " bytes]";
    }
  }

  /** Writes a big-endian u32 field: the schema version at 4, the value count at 24. */
  record SetInt(int offset, int value) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (offset + 4 > frame.length) {
        return frame;
      }
      byte[] out = frame.clone();
      ByteBuffer.wrap(out).putInt(offset, value);
      return out;
    }
  }

  /** Writes a big-endian 64-bit field: the sequence number at 8, the timestamp at 16. */
  record SetLong(int offset, long value) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (offset + 8 > frame.length) {
        return frame;
      }
      byte[] out = frame.clone();
      ByteBuffer.wrap(out).putLong(offset, value);
      return out;
    }
  }

  /** Writes one byte: the frame type at 0, the version at 1, the flags at 2 and 3. */
  record SetByte(int offset, byte value) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (offset >= frame.length) {
        return frame;
      }
      byte[] out = frame.clone();
      out[offset] = value;
      return out;
    }
  }

  /** Copies {@code length} bytes from {@code from} and inserts them again at {@code at}. */
  record DuplicateSection(int from, int length, int at) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (frame.length == 0) {
        return frame;
      }
      int start = Math.floorMod(from, frame.length);
      int n = Math.min(Math.floorMod(length, frame.length) + 1, frame.length - start);
      int insert = Math.floorMod(at, frame.length + 1);
      byte[] out = new byte[frame.length + n];
      System.arraycopy(frame, 0, out, 0, insert);
      System.arraycopy(frame, start, out, insert, n);
      System.arraycopy(frame, insert, out, insert + n, frame.length - insert);
      return out;
    }
  }

  /** Removes {@code length} bytes from {@code from}. */
  record DeleteSection(int from, int length) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (frame.length == 0) {
        return frame;
      }
      int start = Math.floorMod(from, frame.length);
      int n = Math.min(Math.floorMod(length, frame.length) + 1, frame.length - start);
      byte[] out = new byte[frame.length - n];
      System.arraycopy(frame, 0, out, 0, start);
      System.arraycopy(frame, start + n, out, start, frame.length - start - n);
      return out;
    }
  }

  /** Overwrites bytes from {@code at} with {@code bytes}, as far as the frame reaches. */
  record Overwrite(int at, byte[] bytes) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      if (frame.length == 0) {
        return frame;
      }
      byte[] out = frame.clone();
      int start = Math.floorMod(at, out.length);
      System.arraycopy(bytes, 0, out, start, Math.min(bytes.length, out.length - start));
      return out;
    }

    @Override
    public String toString() {
      return "Overwrite[at=" + at + ", " + Arrays.toString(bytes) + "]";
    }
  }

  /** Throws the frame away for {@code bytes}. */
  record Replace(byte[] bytes) implements FrameEdit {
    @Override
    public byte[] apply(byte[] frame) {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Replace[" + Arrays.toString(bytes) + "]";
    }
  }
}
