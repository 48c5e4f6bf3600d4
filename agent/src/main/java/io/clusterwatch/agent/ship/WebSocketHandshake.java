package io.clusterwatch.agent.ship;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's opening handshake (RFC 6455 section 4.1): an HTTP/1.1 GET with {@code Upgrade:
 * websocket} and a random 16-byte {@code Sec-WebSocket-Key}; the answer must be 101 with {@code
 * Upgrade: websocket}, {@code Connection: Upgrade} and {@code Sec-WebSocket-Accept} equal to
 * base64(SHA-1(key + the RFC's GUID)), and no extension or subprotocol we did not ask for.
 */
final class WebSocketHandshake {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** An HTTP response head longer than this is not a handshake answer. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private WebSocketHandshake() {}

  static String request(URI uri, String key) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    int port = uri.getPort();
    String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
    return "GET "
        + path
        + " HTTP/1.1\r\n"
        + "Host: "
        + host
        + (port < 0 ? "" : ":" + port)
        + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: "
        + key
        + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "\r\n";
  }

  /** The value a server must answer in Sec-WebSocket-Accept for {@code key}. */
  static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }

  /**
   * Reads the response head (up to the empty line, nothing more) and checks it against {@code key}.
   */
  static void readResponse(InputStream in, String key) throws IOException {
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response to the WebSocket upgrade: " + lines[0]);
    }
    if (!status[1].equals("101")) {
      throw new IOException("hub refused the WebSocket upgrade: " + lines[0]);
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line in the upgrade response: " + lines[i]);
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
      throw new IOException("upgrade response without 'Upgrade: websocket'");
    }
    if (!hasToken(headers.get("connection"), "upgrade")) {
      throw new IOException("upgrade response without 'Connection: Upgrade'");
    }
    String expected = accept(key);
    if (!expected.equals(headers.get("sec-websocket-accept"))) {
      throw new IOException(
          "Sec-WebSocket-Accept is "
              + headers.get("sec-websocket-accept")
              + ", expected "
              + expected);
    }
    if (headers.containsKey("sec-websocket-extensions")
        || headers.containsKey("sec-websocket-protocol")) {
      throw new IOException("hub chose an extension or subprotocol the agent did not offer");
    }
  }

  private static boolean hasToken(String value, String token) {
    if (value == null) {
      return false;
    }
    for (String part : value.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  private static String readHead(InputStream in) throws IOException {
    byte[] head = new byte[MAX_HEAD_BYTES];
    int n = 0;
    while (n < 4
        || head[n - 4] != '\r'
        || head[n - 3] != '\n'
        || head[n - 2] != '\r'
        || head[n - 1] != '\n') {
      if (n == head.length) {
        throw new IOException("upgrade response head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the WebSocket upgrade");
      }
      head[n++] = (byte) b;
    }
    return new String(head, 0, n - 4, StandardCharsets.ISO_8859_1);
  }
}
