package io.clusterwatch.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clusterwatch.protocol.GoldenFiles;
import io.clusterwatch.protocol.ProtocolException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ControlMessageCodecTest {
  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final ObjectMapper mapper = new ObjectMapper();

  static Stream<Arguments> goldenMessages() {
    return GoldenFiles.messages().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenMessages")
  void encodesToTheGoldenJson(String file, ControlMessage message) throws Exception {
    assertEquals(
        mapper.readTree(GoldenFiles.text(file)), mapper.readTree(codec.encode(message)), file);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 42, -1, Long.MAX_VALUE, Long.MIN_VALUE})
  void writesAnAckAsJacksonWritesIt(long seq) throws Exception {
    Ack ack = new Ack(seq);
    String jackson = WireMapper.create().writerFor(ControlMessage.class).writeValueAsString(ack);
    assertEquals(jackson, codec.encode(ack));
    assertEquals(ack, codec.decode(codec.encode(ack)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenMessages")
  void decodesTheGoldenJson(String file, ControlMessage message) {
    assertEquals(message, codec.decode(GoldenFiles.text(file)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1,2]",
        "{\"type\":\"nope\"}",
        "{\"type\":\"ack\"}",
        "{\"type\":\"ack\",\"seq\":\"7\"}",
        "{\"type\":\"hello\",\"protocol\":1,\"host\":\"h\",\"agent_id\":\"a\",\"interval_ms\":1000,"
            + "\"schema_version\":1,\"series\":[{\"metric\":\"m\",\"type\":\"histogram\"}]}",
        "{\"type\":\"hello\",\"protocol\":1,\"host\":\"h\",\"agent_id\":\"a\",\"interval_ms\":1000,"
            + "\"schema_version\":1,\"series\":[{\"metric\":\"bad name\",\"type\":\"gauge\"}]}",
        "{\"type\":\"hello\",\"protocol\":1,\"host\":\"h\",\"agent_id\":\"a\",\"interval_ms\":1000,"
            + "\"schema_version\":1,\"series\":[{\"metric\":\"m\",\"type\":\"gauge\"},"
            + "{\"metric\":\"m\",\"type\":\"gauge\"}]}",
        "{\"type\":\"job\",\"event\":\"paused\",\"time_ms\":1,\"job\":{\"job_id\":\"1\"}}",
        "{\"type\":\"jobs\",\"time_ms\":1,\"jobs\":[{\"user\":\"x\"}]}"
      })
  void rejectsBadInputWithAProtocolError(String text) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(text));
    assertTrue(!e.code().isEmpty() && !e.getMessage().isEmpty());
  }
}
