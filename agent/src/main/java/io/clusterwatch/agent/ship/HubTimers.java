package io.clusterwatch.agent.ship;

import io.clusterwatch.protocol.sender.Backoff;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Shipper}'s timed tasks on its injected scheduler: the wait for a welcome, which gives
 * up after the connect timeout, and the reconnect after a lost connection, which follows an
 * exponential, jittered delay. Guarded by the shipper's lock.
 */
final class HubTimers {
  // Under the shipper's name: its connection messages stay where they always were.
  private static final System.Logger LOG = System.getLogger(Shipper.class.getName());

  private final ShipperOptions options;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Backoff backoff;
  private ScheduledFuture<?> pendingReconnect;
  private long reconnects;

  HubTimers(ShipperOptions options, ScheduledExecutorService scheduler, Clock clock) {
    this.options = options;
    this.scheduler = scheduler;
    this.clock = clock;
    this.backoff =
        new Backoff(options.backoffInitial(), options.backoffMax(), new SplittableRandom());
  }

  /** Runs {@code overdue} unless {@code session} is welcomed within the connect timeout. */
  void awaitWelcome(HubSession session, Runnable overdue) {
    session.welcomeTimeout = schedule(overdue, options.connectTimeout().toMillis());
  }

  /** Reconnects so far: one per connection lost while the shipper was open. */
  long reconnects() {
    return reconnects;
  }

  /** The scheduled reconnect is running: there is none pending any more. */
  void connecting() {
    pendingReconnect = null;
  }

  /**
   * Schedules {@code connect} after the next delay, {@code lost} having ended with {@code error}.
   */
  void reconnectAfter(HubSession lost, Throwable error, Runnable connect) {
    reconnects++;
    if (lost.streaming && clock.millis() - lost.welcomedAtMs >= options.backoffMax().toMillis()) {
      // It was a healthy connection (it outlived the longest delay): start the delays over.
      // A hub that welcomes and then errors right away keeps the delays growing instead.
      backoff.reset();
    }
    long delay = backoff.nextDelayMs();
    LOG.log(
        System.Logger.Level.WARNING,
        "hub connection to {0} lost ({1}); retrying in {2} ms",
        options.hubUri(),
        ConnectionErrors.describe(error),
        delay);
    pendingReconnect = schedule(connect, delay);
  }

  /** Cancels the pending reconnect, if any: the shipper is closing. */
  void cancel() {
    if (pendingReconnect != null) {
      pendingReconnect.cancel(false);
    }
  }

  /**
   * Schedules on the injected scheduler; null when it has been shut down (the owner is leaving).
   */
  private ScheduledFuture<?> schedule(Runnable task, long delayMs) {
    try {
      return scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(System.Logger.Level.DEBUG, "scheduler shut down; not scheduling");
      return null;
    }
  }
}
