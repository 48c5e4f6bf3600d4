package io.clusterwatch.agent.jobs.kubernetes.podresources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One unary gRPC call over HTTP/2 with prior knowledge (RFC 9113; gRPC "PROTOCOL-HTTP2.md"), on a
 * UNIX-domain or TCP socket: the JDK's HTTP client speaks neither h2c with prior knowledge nor UNIX
 * sockets. Request headers are HPACK literals without indexing (RFC 7541 6.2.2), so no header table
 * is needed; response headers are not decoded, only DATA frames are read: a call that ends without
 * a response message is reported as failed (its grpc-status stays in the undecoded trailers).
 */
public final class GrpcUnaryCall {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int RST_STREAM = 0x3;
  private static final int SETTINGS = 0x4;
  private static final int PING = 0x6;
  private static final int GOAWAY = 0x7;
  private static final int WINDOW_UPDATE = 0x8;
  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int STREAM = 1;

  /** Receive window we grant, and the largest answer we accept. */
  static final int MAX_RESPONSE = 16 * 1024 * 1024;

  private GrpcUnaryCall() {}

  /**
   * Calls {@code path} (e.g. {@code /v1.PodResourcesLister/List}) with one request message and
   * returns the one response message.
   *
   * @throws IOException on connection failure, timeout, a stream reset, or an answer without
   *     message
   */
  public static byte[] call(SocketAddress address, String path, byte[] request, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel ch = SocketChannel.open(address);
        Selector selector = Selector.open()) {
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_READ);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(PREFACE);
      // SETTINGS: ENABLE_PUSH (0x2) = 0, INITIAL_WINDOW_SIZE (0x4) = MAX_RESPONSE
      ByteBuffer settings = ByteBuffer.allocate(12);
      settings.putShort((short) 0x2).putInt(0).putShort((short) 0x4).putInt(MAX_RESPONSE);
      frame(out, SETTINGS, 0, 0, settings.array());
      frame(out, WINDOW_UPDATE, 0, 0, ByteBuffer.allocate(4).putInt(MAX_RESPONSE - 65535).array());
      frame(out, HEADERS, END_HEADERS, STREAM, headers(path, address));
      ByteBuffer msg = ByteBuffer.allocate(5 + request.length);
      msg.put((byte) 0).putInt(request.length).put(request);
      frame(out, DATA, END_STREAM, STREAM, msg.array());
      write(ch, selector, out.toByteArray(), deadline);

      ByteArrayOutputStream data = new ByteArrayOutputStream();
      FrameReader in = new FrameReader(ch, selector, deadline);
      while (true) {
        int[] head = in.header();
        int length = head[0];
        int type = head[1];
        int flags = head[2];
        int stream = head[3];
        byte[] payload = in.payload(length);
        if (type == SETTINGS && (flags & ACK) == 0) {
          ByteArrayOutputStream ack = new ByteArrayOutputStream();
          frame(ack, SETTINGS, ACK, 0, new byte[0]);
          write(ch, selector, ack.toByteArray(), deadline);
        } else if (type == PING && (flags & ACK) == 0) {
          ByteArrayOutputStream pong = new ByteArrayOutputStream();
          frame(pong, PING, ACK, 0, payload);
          write(ch, selector, pong.toByteArray(), deadline);
        } else if (type == GOAWAY) {
          throw new IOException("server sent GOAWAY before answering " + path);
        } else if (type == RST_STREAM && stream == STREAM) {
          throw new IOException("server reset the stream of " + path);
        } else if (type == DATA && stream == STREAM) {
          int padding = (flags & PADDED) != 0 ? payload[0] & 0xff : 0;
          int from = (flags & PADDED) != 0 ? 1 : 0;
          data.write(payload, from, payload.length - from - padding);
          if (data.size() > MAX_RESPONSE) {
            throw new IOException(path + " answered more than " + MAX_RESPONSE + " bytes");
          }
        }
        if ((type == DATA || type == HEADERS) && stream == STREAM && (flags & END_STREAM) != 0) {
          return message(data.toByteArray(), path);
        }
      }
    }
  }

  /** The single length-prefixed gRPC message in the DATA bytes. */
  private static byte[] message(byte[] data, String path) throws IOException {
    if (data.length < 5) {
      throw new IOException(path + " ended without a response message (a gRPC error)");
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    byte compressed = b.get();
    int len = b.getInt();
    if (compressed != 0) {
      throw new IOException(path + " answered a compressed message, which was not asked for");
    }
    if (len < 0 || len > data.length - 5) {
      throw new IOException(
          path + " answered a message of " + len + " bytes in " + (data.length - 5));
    }
    byte[] m = new byte[len];
    b.get(m);
    return m;
  }

  private static byte[] headers(String path, SocketAddress address) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    String authority =
        address instanceof java.net.InetSocketAddress
            ? ((java.net.InetSocketAddress) address).getHostString()
                + ":"
                + ((java.net.InetSocketAddress) address).getPort()
            : "localhost";
    for (String[] kv :
        List.of(
            new String[] {":method", "POST"},
            new String[] {":scheme", "http"},
            new String[] {":path", path},
            new String[] {":authority", authority},
            new String[] {"content-type", "application/grpc"},
            new String[] {"te", "trailers"})) {
      h.write(0x00); // literal header field without indexing, new name
      literal(h, kv[0]);
      literal(h, kv[1]);
    }
    return h.toByteArray();
  }

  /** An HPACK string literal without Huffman coding: 7-bit prefix length, then the bytes. */
  private static void literal(ByteArrayOutputStream h, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int len = b.length;
    if (len < 127) {
      h.write(len);
    } else {
      h.write(127);
      len -= 127;
      while (len >= 128) {
        h.write((len & 0x7f) | 0x80);
        len >>>= 7;
      }
      h.write(len);
    }
    h.write(b, 0, b.length);
  }

  private static void frame(
      ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(9);
    b.put((byte) (payload.length >>> 16))
        .put((byte) (payload.length >>> 8))
        .put((byte) payload.length);
    b.put((byte) type).put((byte) flags).putInt(stream & 0x7fffffff);
    out.write(b.array(), 0, 9);
    out.write(payload, 0, payload.length);
  }

  private static void write(SocketChannel ch, Selector selector, byte[] bytes, long deadline)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      if (ch.write(b) == 0) {
        waitFor(selector, deadline);
      }
    }
  }

  private static void waitFor(Selector selector, long deadline) throws IOException {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0 || selector.select(ms) == 0 && System.nanoTime() >= deadline) {
      throw new IOException("gRPC call timed out");
    }
    selector.selectedKeys().clear();
  }

  /**
   * Reads whole frames from the non-blocking channel, waiting on the selector until the deadline.
   */
  private static final class FrameReader {
    private final SocketChannel ch;
    private final Selector selector;
    private final long deadline;

    FrameReader(SocketChannel ch, Selector selector, long deadline) {
      this.ch = ch;
      this.selector = selector;
      this.deadline = deadline;
    }

    /** length, type, flags, stream id */
    int[] header() throws IOException {
      ByteBuffer h = ByteBuffer.wrap(read(9));
      int length = ((h.get() & 0xff) << 16) | ((h.get() & 0xff) << 8) | (h.get() & 0xff);
      int type = h.get() & 0xff;
      int flags = h.get() & 0xff;
      int stream = h.getInt() & 0x7fffffff;
      if (length > MAX_RESPONSE) {
        throw new IOException("HTTP/2 frame of " + length + " bytes");
      }
      return new int[] {length, type, flags, stream};
    }

    byte[] payload(int length) throws IOException {
      return read(length);
    }

    private byte[] read(int n) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining()) {
        int r = ch.read(b);
        if (r < 0) {
          throw new IOException("connection closed by the server");
        }
        if (r == 0) {
          waitFor(selector, deadline);
        }
      }
      return b.array();
    }
  }
}
