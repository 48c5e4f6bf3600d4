package io.clusterwatch.agent.ship;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins fragmented data frames into messages (RFC 6455 section 5.4): a text or binary frame starts
 * a message, continuation frames extend it, control frames may come in between and pass through. A
 * message over the limit is refused with 1009, a continuation without a message or a new message
 * inside one with 1002, text that is not UTF-8 with 1007 (section 8.1).
 */
final class WebSocketMessageAssembler {
  private final int maxMessageLength;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private int partialOpcode = -1;

  WebSocketMessageAssembler(int maxMessageLength) {
    this.maxMessageLength = maxMessageLength;
  }

  /**
   * Takes the next frame; returns a control frame as is, a whole message as one frame with FIN set
   * and the opcode of its first frame, or null while a message is incomplete.
   */
  WebSocketFrame accept(WebSocketFrame frame) throws WebSocketProtocolException {
    if (frame.isControl()) {
      return frame;
    }
    if (frame.opcode() == WebSocketFrame.CONTINUATION) {
      if (partialOpcode < 0) {
        throw new WebSocketProtocolException(
            WebSocketFrame.PROTOCOL_ERROR, "continuation frame without a message to continue");
      }
    } else {
      if (partialOpcode >= 0) {
        throw new WebSocketProtocolException(
            WebSocketFrame.PROTOCOL_ERROR, "new data frame inside a fragmented message");
      }
      if (frame.fin()) {
        checkLength(frame.payload().length);
        return frame;
      }
      partialOpcode = frame.opcode();
    }
    checkLength((long) partial.size() + frame.payload().length);
    partial.writeBytes(frame.payload());
    if (!frame.fin()) {
      return null;
    }
    WebSocketFrame message = new WebSocketFrame(true, partialOpcode, partial.toByteArray());
    partial.reset();
    partialOpcode = -1;
    return message;
  }

  /** Decodes a text message strictly: malformed UTF-8 is a 1007, not replacement characters. */
  static String text(byte[] payload) throws WebSocketProtocolException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WebSocketProtocolException(
          WebSocketFrame.INVALID_PAYLOAD, "text message is not valid UTF-8");
    }
  }

  private void checkLength(long length) throws WebSocketProtocolException {
    if (length > maxMessageLength) {
      throw new WebSocketProtocolException(
          WebSocketFrame.MESSAGE_TOO_BIG, "message of more than " + maxMessageLength + " bytes");
    }
  }
}
