package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.clusterwatch.protocol.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON text frames of wire protocol v1 (field names in protocol/README.md), read and written by
 * Jackson from the message records. Decoding is strict about types and required fields and names
 * the offending field; unknown fields are ignored so that newer agents can add some.
 */
public final class ControlMessageCodec {
  private final ObjectReader reader;
  private final ObjectWriter writer;

  public ControlMessageCodec() {
    this(WireMapper.create());
  }

  private ControlMessageCodec(ObjectMapper mapper) {
    this.reader = mapper.readerFor(ControlMessage.class);
    this.writer = mapper.writerFor(ControlMessage.class);
  }

  public String encode(ControlMessage message) {
    if (message instanceof Ack ack) {
      // a hub sends one per connection and second: Jackson's polymorphic writer costs more than the
      // rest of the acknowledgement's path, for what Jackson would write, field for field
      return "{\"type\":\"" + Ack.TYPE + "\",\"seq\":" + ack.seq() + "}";
    }
    try {
      return writer.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + message.type() + " message as JSON", e);
    }
  }

  /**
   * Parses one text frame.
   *
   * @throws ProtocolException naming what was wrong
   */
  public ControlMessage decode(String text) {
    try (JsonParser parser = reader.createParser(text)) {
      // Checked first: Jackson would otherwise read an array as [type, message].
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ProtocolException("bad_json", "text frame must be a JSON object");
      }
      ControlMessage message = reader.readValue(parser);
      // One message per frame: a second value after the object would otherwise go unread.
      if (parser.nextToken() != null) {
        throw new ProtocolException(
            "bad_json", "text frame holds more than one JSON value after its message");
      }
      return message;
    } catch (JacksonException e) {
      throw DecodeErrors.translate(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }
}
