package io.clusterwatch.agent.ship;

import java.nio.charset.StandardCharsets;

/**
 * The body of a close frame (RFC 6455 section 5.5.1): empty, or a 2-byte status code followed by a
 * UTF-8 reason.
 *
 * @param code the status code, {@link WebSocketFrame#NO_STATUS} when the body was empty
 * @param reason the reason, possibly empty
 */
record WebSocketClose(int code, String reason) {
  static WebSocketClose parse(byte[] payload) throws WebSocketProtocolException {
    if (payload.length == 0) {
      return new WebSocketClose(WebSocketFrame.NO_STATUS, "");
    }
    if (payload.length == 1) {
      throw new WebSocketProtocolException(
          WebSocketFrame.PROTOCOL_ERROR, "close frame with a 1-byte body");
    }
    int code = (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    if (!sendable(code)) {
      throw new WebSocketProtocolException(
          WebSocketFrame.PROTOCOL_ERROR, "invalid close code " + code);
    }
    byte[] reason = new byte[payload.length - 2];
    System.arraycopy(payload, 2, reason, 0, reason.length);
    return new WebSocketClose(code, WebSocketMessageAssembler.text(reason));
  }

  /**
   * The body to send; the reason is cut (at a character boundary) to fit a 125-byte control frame.
   */
  static byte[] body(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(text.length, 123);
    while (length < text.length && length > 0 && (text[length] & 0xC0) == 0x80) {
      length--; // never cut inside a UTF-8 sequence
    }
    byte[] body = new byte[2 + length];
    body[0] = (byte) (code >>> 8);
    body[1] = (byte) code;
    System.arraycopy(text, 0, body, 2, length);
    return body;
  }

  /**
   * Codes a peer may put in a close frame (section 7.4): 1000-1003, 1007-1014 and 3000-4999;
   * 1004-1006 and 1015 are reserved or only reported locally.
   */
  private static boolean sendable(int code) {
    return code >= 1000 && code <= 1003
        || code >= 1007 && code <= 1014
        || code >= 3000 && code <= 4999;
  }
}
