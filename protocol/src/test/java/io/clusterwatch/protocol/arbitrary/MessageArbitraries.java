package io.clusterwatch.protocol.arbitrary;

import static io.clusterwatch.protocol.arbitrary.WireArbitraries.attributes;
import static io.clusterwatch.protocol.arbitrary.WireArbitraries.seriesTables;
import static io.clusterwatch.protocol.arbitrary.WireArbitraries.texts;

import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Valid control messages of every type, with any text and numbers the records allow. Optional text
 * is never null here: the codec reads an absent or null one as empty, so null would not round-trip.
 */
public final class MessageArbitraries {
  private MessageArbitraries() {}

  public static Arbitrary<ControlMessage> messages() {
    return Arbitraries.oneOf(
        hellos(),
        seriesTables().map(Schema::new),
        jobEvents(),
        jobSnapshots(),
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.of(true, false))
            .as(Welcome::new),
        Arbitraries.longs().map(Ack::new),
        Combinators.combine(texts(), texts()).as(ErrorMessage::new));
  }

  public static Arbitrary<ControlMessage> hellos() {
    Arbitrary<Identity> identity =
        Combinators.combine(
                Arbitraries.integers(),
                texts(),
                texts(),
                texts(),
                Arbitraries.longs(),
                texts(),
                Arbitraries.longs(),
                texts())
            .as(Identity::new);
    return Combinators.combine(identity, seriesTables(), attributes())
        .as(
            (id, table, attributes) ->
                new Hello(
                    id.protocol,
                    id.host,
                    id.agentId,
                    id.bootId,
                    id.intervalMs,
                    id.token,
                    id.lastAckedSeq,
                    id.agentVersion,
                    table,
                    attributes));
  }

  public static Arbitrary<ControlMessage> jobEvents() {
    return Combinators.combine(
            Arbitraries.of(JobEvent.STARTED, JobEvent.ENDED), Arbitraries.longs(), jobs())
        .as(JobEvent::new);
  }

  public static Arbitrary<ControlMessage> jobSnapshots() {
    return Combinators.combine(Arbitraries.longs(), jobs().list().ofMaxSize(8))
        .as(JobSnapshot::new);
  }

  public static Arbitrary<JobInfo> jobs() {
    return Combinators.combine(
            texts(),
            texts(),
            texts(),
            texts().list().ofMaxSize(8),
            Arbitraries.longs(),
            texts(),
            attributes())
        .as(JobInfo::new);
  }

  /** The scalar fields of a hello: more than {@link Combinators} combines at once. */
  private record Identity(
      int protocol,
      String host,
      String agentId,
      String bootId,
      long intervalMs,
      String token,
      long lastAckedSeq,
      String agentVersion) {}
}
