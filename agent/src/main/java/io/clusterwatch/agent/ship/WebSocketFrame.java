package io.clusterwatch.agent.ship;

/**
 * One WebSocket frame as read from the wire, payload unmasked (RFC 6455 section 5.2).
 *
 * @param fin true on the last frame of a message (always true on control frames)
 * @param opcode {@link #CONTINUATION}, {@link #TEXT}, {@link #BINARY}, {@link #CLOSE}, {@link
 *     #PING} or {@link #PONG}
 * @param payload the application data
 */
record WebSocketFrame(boolean fin, int opcode, byte[] payload) {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  /** Close status codes used here (RFC 6455 section 7.4.1). */
  static final int NORMAL_CLOSURE = 1000;

  static final int PROTOCOL_ERROR = 1002;
  static final int NO_STATUS = 1005;
  static final int INVALID_PAYLOAD = 1007;
  static final int MESSAGE_TOO_BIG = 1009;

  boolean isControl() {
    return (opcode & 0x8) != 0;
  }
}
