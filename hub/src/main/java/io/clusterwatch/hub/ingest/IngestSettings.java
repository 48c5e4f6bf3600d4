package io.clusterwatch.hub.ingest;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code ingest}: limits and authentication of the agents' WebSocket ({@code /ingest}).
 *
 * @param token shared secret every agent's hello must carry; empty means no check ({@code token})
 * @param maxFrame largest binary data frame accepted ({@code max_frame}, default 1MiB)
 * @param maxTextMessage largest JSON text message, such as a hello with its series table ({@code
 *     max_text_message}, default 8MiB)
 * @param maxSeriesPerAgent largest series table one agent may announce ({@code
 *     max_series_per_agent}, default 20000)
 * @param maxAgents most distinct hosts the hub keeps ({@code max_agents}, default 10000)
 * @param helloTimeout how long a new connection may take to send its hello ({@code hello_timeout},
 *     default 10s)
 * @param tokensFile per-node tokens, one {@code TOKEN HOST_GLOB} per line; a token may claim only
 *     the hosts its glob matches ({@code tokens_file}, default none)
 * @param tokensCheckInterval how often the tokens file is checked for a change ({@code
 *     tokens_check_interval}, default 10s)
 * @param unmaskedDataFrames whether the hub reads agents' binary data frames unmasked, and says so
 *     in its welcome so that they stop masking them ({@code unmasked_data_frames}, default true;
 *     protocol/README.md, "Masking")
 */
public record IngestSettings(
    String token,
    ByteSize maxFrame,
    ByteSize maxTextMessage,
    Integer maxSeriesPerAgent,
    Integer maxAgents,
    Duration helloTimeout,
    String tokensFile,
    Duration tokensCheckInterval,
    Boolean unmaskedDataFrames) {
  public IngestSettings {
    token = Objects.requireNonNullElse(token, "");
    maxFrame =
        Checks.between(
            "max_frame",
            Objects.requireNonNullElse(maxFrame, ByteSize.ofMiB(1)),
            new ByteSize(64),
            ByteSize.ofGiB(1));
    maxTextMessage =
        Checks.between(
            "max_text_message",
            Objects.requireNonNullElse(maxTextMessage, ByteSize.ofMiB(8)),
            ByteSize.ofKiB(1),
            ByteSize.ofGiB(1));
    maxSeriesPerAgent =
        Checks.inRange(
            "max_series_per_agent",
            Objects.requireNonNullElse(maxSeriesPerAgent, 20_000),
            1,
            10_000_000);
    maxAgents =
        Checks.inRange("max_agents", Objects.requireNonNullElse(maxAgents, 10_000), 1, 10_000_000);
    helloTimeout =
        Checks.between(
            "hello_timeout",
            Objects.requireNonNullElse(helloTimeout, Duration.ofSeconds(10)),
            Duration.ofMillis(1),
            Duration.ofHours(1));
    tokensFile = Objects.requireNonNullElse(tokensFile, "");
    tokensCheckInterval =
        Checks.between(
            "tokens_check_interval",
            Objects.requireNonNullElse(tokensCheckInterval, Duration.ofSeconds(10)),
            Duration.ofMillis(10),
            Duration.ofHours(24));
    unmaskedDataFrames = Objects.requireNonNullElse(unmaskedDataFrames, true);
  }

  /**
   * No token, 1 MiB frames, 8 MiB text messages, 20000 series per agent, 10000 agents, 10 s for the
   * hello, no tokens file, unmasked data frames read.
   */
  public static IngestSettings defaults() {
    return new IngestSettings(null, null, null, null, null, null, null, null, null);
  }
}
