package io.clusterwatch.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.arbitrary.AllocationMeter;
import io.clusterwatch.protocol.arbitrary.JsonMutations;
import io.clusterwatch.protocol.arbitrary.MessageArbitraries;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated and mutated JSON control messages: valid ones read back as written; anything else fails
 * with a {@link ProtocolException} naming what was wrong, never another exception, and reading
 * allocates in proportion to the text, not to what it claims.
 */
class ControlMessageCodecPropertyTest {
  /** Jackson's parser and reader state, the exception with its stack trace. */
  private static final long FIXED_ALLOCATION = 256 * 1024;

  /** Heap bytes per character of text a decode may allocate (objects of every field, copies). */
  private static final long ALLOCATION_PER_CHAR = 64;

  private static final Set<String> MESSAGE_ERRORS = Set.of("bad_json", "bad_message", "bad_series");

  private final ControlMessageCodec codec = new ControlMessageCodec();
  private final AllocationMeter meter = new AllocationMeter();

  @Property
  void everyGeneratedMessageRoundTrips(@ForAll("messages") ControlMessage message) {
    assertEquals(message, codec.decode(codec.encode(message)));
  }

  @Property
  void mutatedHellosFailOnlyWithTheProtocolError(@ForAll("mutatedHellos") JsonMutations.Mutated m) {
    assertDecodesOrFailsCleanly(m.text());
  }

  @Property
  void mutatedMessagesFailOnlyWithTheProtocolError(
      @ForAll("mutatedMessages") JsonMutations.Mutated m) {
    assertDecodesOrFailsCleanly(m.text());
  }

  private void assertDecodesOrFailsCleanly(String text) {
    AllocationMeter.Measured<ControlMessage> result = meter.measure(() -> codec.decode(text));
    if (result.thrown() != null) {
      if (!(result.thrown() instanceof ProtocolException e)) {
        throw new AssertionError(
            "expected a ProtocolException, got " + result.thrown(), result.thrown());
      }
      assertTrue(MESSAGE_ERRORS.contains(e.code()), "unexpected code " + e.code());
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error says what");
    } else {
      // Whatever was accepted can be written and read again as the same message.
      assertEquals(result.value(), codec.decode(codec.encode(result.value())));
    }
    assertTrue(
        result.allocatedBytes() <= FIXED_ALLOCATION + ALLOCATION_PER_CHAR * text.length(),
        "reading " + text.length() + " characters allocated " + result.allocatedBytes() + " bytes");
  }

  @Provide
  Arbitrary<ControlMessage> messages() {
    return MessageArbitraries.messages();
  }

  @Provide
  Arbitrary<JsonMutations.Mutated> mutatedHellos() {
    return JsonMutations.of(MessageArbitraries.hellos().map(codec::encode));
  }

  @Provide
  Arbitrary<JsonMutations.Mutated> mutatedMessages() {
    return JsonMutations.of(
        Arbitraries.oneOf(
                MessageArbitraries.jobEvents(),
                MessageArbitraries.jobSnapshots(),
                MessageArbitraries.messages())
            .map(codec::encode));
  }
}
