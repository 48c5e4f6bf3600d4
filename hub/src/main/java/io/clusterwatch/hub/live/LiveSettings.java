package io.clusterwatch.hub.live;

import io.clusterwatch.common.config.ByteSize;
import io.clusterwatch.common.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code live}: the browsers' WebSocket ({@code /live}).
 *
 * @param tick how often the hub looks for new data to push ({@code tick}, default 50ms)
 * @param clusterInterval the whole cluster view is pushed at most this often ({@code
 *     cluster_interval}, default 1s)
 * @param maxWriteQueue a client with more than this unsent skips ticks ({@code max_write_queue},
 *     default 1MiB)
 * @param maxClients most concurrent /live connections, across all server instances ({@code
 *     max_clients}, default 1000)
 * @param maxMessage largest message a browser may send ({@code max_message}, default 4KiB)
 */
public record LiveSettings(
    Duration tick,
    Duration clusterInterval,
    ByteSize maxWriteQueue,
    Integer maxClients,
    ByteSize maxMessage) {
  public LiveSettings {
    tick =
        Checks.between(
            "tick",
            Objects.requireNonNullElse(tick, Duration.ofMillis(50)),
            Duration.ofMillis(1),
            Duration.ofMinutes(1));
    clusterInterval =
        Checks.between(
            "cluster_interval",
            Objects.requireNonNullElse(clusterInterval, Duration.ofSeconds(1)),
            Duration.ofMillis(1),
            Duration.ofMinutes(10));
    maxWriteQueue =
        Checks.between(
            "max_write_queue",
            Objects.requireNonNullElse(maxWriteQueue, ByteSize.ofMiB(1)),
            ByteSize.ofKiB(1),
            ByteSize.ofGiB(1));
    maxClients =
        Checks.inRange("max_clients", Objects.requireNonNullElse(maxClients, 1000), 1, 1_000_000);
    maxMessage =
        Checks.between(
            "max_message",
            Objects.requireNonNullElse(maxMessage, ByteSize.ofKiB(4)),
            new ByteSize(64),
            ByteSize.ofMiB(1));
  }

  public static LiveSettings defaults() {
    return new LiveSettings(null, null, null, null, null);
  }
}
