package io.clusterwatch.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.clusterwatch.protocol.ProtocolException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the decoder accepts beyond the golden files, and the error each bad input gets. */
class ControlMessageDecodingTest {
  private static final String HELLO_HEAD =
      "{'type':'hello','protocol':1,'host':'h','agent_id':'a','interval_ms':1000,'schema_version':1,";

  private final ControlMessageCodec codec = new ControlMessageCodec();

  @Test
  void ignoresUnknownFieldsAtEveryLevel() {
    ControlMessage m =
        codec.decode(
            json(
                "{'type':'jobs','time_ms':5,'later':{'x':[1]},"
                    + "'jobs':[{'job_id':'7','gpus_total':8}]}"));
    assertEquals(new JobSnapshot(5, List.of(job("7"))), m);
  }

  @Test
  void readsAbsentOrNullOptionalFieldsAsEmpty() {
    Hello h =
        (Hello)
            codec.decode(
                json(HELLO_HEAD + "'token':null,'series':[{'metric':'m','type':'gauge'}]}"));
    assertEquals("", h.bootId());
    assertEquals("", h.token());
    assertEquals("", h.agentVersion());
    assertEquals(0, h.lastAckedSeq());
    assertEquals(Map.of(), h.attributes());
    assertEquals(1.0, h.table().get(0).scale());
    assertEquals(new ErrorMessage("x", ""), codec.decode(json("{'type':'error','code':'x'}")));
    // A hub that predates unmasked_data: the agent keeps masking its data frames.
    assertEquals(
        new Welcome(3, 9, false),
        codec.decode(json("{'type':'welcome','last_seq':3,'server_time_ms':9}")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | bad_json | text frame is not valid JSON",
        "[1,2] | bad_json | text frame must be a JSON object",
        "{} | bad_message | missing or non-string field: type",
        "{'type':7} | bad_message | unknown message type: 7",
        "{'type':'nope'} | bad_message | unknown message type: nope",
        "{'type':'ack'} | bad_message | bad field seq",
        "{'type':'ack','seq':null} | bad_message | bad field seq",
        "{'type':'ack','seq':'7'} | bad_message | bad field seq",
        "{'type':'ack','seq':1.5} | bad_message | bad field seq",
        "{'type':'error','code':404} | bad_message | bad field code",
        "{'type':'error','code':true} | bad_message | bad field code",
        "{'type':'welcome','last_seq':1,'server_time_ms':'now'} | bad_message | bad field server_time_ms",
        "{'type':'welcome','last_seq':1,'unmasked_data':'yes'} | bad_message | bad field unmasked_data",
        "{'type':'job','event':'paused','time_ms':1,'job':{'job_id':'1'}}"
            + " | bad_message | job event must be started or ended, not paused",
        "{'type':'job','event':'started','time_ms':1} | bad_message | bad field job",
        "{'type':'job','event':'started','time_ms':1,'job':[]} | bad_message | bad field job",
        "{'type':'jobs','time_ms':1,'jobs':[{'user':'x'}]} | bad_message | bad field jobs[0].job_id",
        "{'type':'jobs','time_ms':1,'jobs':[{'job_id':'1','gpu_uuids':[3]}]}"
            + " | bad_message | bad field jobs[0].gpu_uuids[0]",
        "{'type':'jobs','time_ms':1,'jobs':[{'job_id':'1','attributes':{'a':null}}]}"
            + " | bad_message | bad field jobs[0].attributes.a",
        "{'type':'jobs','time_ms':1,'jobs':{}} | bad_message | bad field jobs",
        "{'type':'hello','protocol':4294967296} | bad_message | bad field protocol",
        HELLO_HEAD
            + "'series':[{'metric':'m','type':'histogram'}]}"
            + " | bad_series | series[0]: unknown series type: histogram",
        HELLO_HEAD
            + "'series':[{'metric':'bad name','type':'gauge'}]}"
            + " | bad_series | series[0]: invalid metric name: bad name",
        HELLO_HEAD
            + "'series':[{'id':3,'metric':'m','type':'gauge'}]}"
            + " | bad_series | series[0] has id 3, expected 0",
        HELLO_HEAD
            + "'series':[{'metric':'m','type':'gauge','scale':'2'}]}"
            + " | bad_message | bad field series[0].scale",
        HELLO_HEAD
            + "'series':[{'metric':'m','type':'gauge'},{'metric':'m','type':'gauge'}]}"
            + " | bad_series | duplicate series in table",
      })
  void namesWhatWasWrong(String text, String code, String message) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(json(text)));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
  }

  /**
   * Inputs the property tests found: each once leaked a ClassCastException from the decoder (the
   * reader's limits) or was read in part (a second value, a field given twice).
   */
  static Stream<Arguments> hostileTexts() {
    return Stream.of(
        arguments(
            "{'type':'ack','seq':1,'x':" + "[".repeat(1001) + "]".repeat(1001) + "}",
            "bad_json",
            "text frame exceeds a limit of the JSON reader: Document nesting depth (1001)"),
        arguments(
            "{'type':'ack','seq':" + "9".repeat(1001) + "}",
            "bad_json",
            "text frame exceeds a limit of the JSON reader: Number value length (1001)"),
        arguments(
            "{'type':'ack','seq':1,'" + "k".repeat(50_001) + "':1}",
            "bad_json",
            "text frame exceeds a limit of the JSON reader: Name length (50001)"),
        arguments(
            "{'type':'ack','seq':1}{'type':'ack','seq':2}",
            "bad_json",
            "text frame holds more than one JSON value"),
        arguments("{'type':'ack','seq':1} 2", "bad_json", "text frame holds more than one"),
        arguments("{'type':'ack','seq':1} x", "bad_json", "text frame is not valid JSON"),
        arguments(
            "{'type':'ack','seq':1,'seq':2}",
            "bad_json",
            "text frame is not valid JSON: Duplicate field 'seq'"),
        arguments(
            "{'type':'jobs','time_ms':1,'jobs':[{'job_id':'1','job_id':'2'}]}",
            "bad_message",
            "bad field jobs[0]: Duplicate field 'job_id'"));
  }

  @ParameterizedTest
  @MethodSource("hostileTexts")
  void refusesWhatTheReaderCannotOrShouldNotRead(String text, String code, String message) {
    namesWhatWasWrong(text, code, message);
  }

  private static JobInfo job(String id) {
    return new JobInfo(id, "", "", List.of(), 0, "", Map.of());
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
