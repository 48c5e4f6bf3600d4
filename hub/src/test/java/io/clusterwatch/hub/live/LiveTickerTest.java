package io.clusterwatch.hub.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live tick runs only while a client is connected. */
class LiveTickerTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Runs {@code action} on the ticker's event loop and returns its result. */
  private <T> T onLoop(Supplier<T> action) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(v -> done.complete(action.get()));
    return done.get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on the ticker's event loop, then says whether the ticker is armed. */
  private boolean armedAfter(LiveTicker ticker, Runnable action) throws Exception {
    return onLoop(
        () -> {
          action.run();
          return ticker.armed();
        });
  }

  @Test
  void ticksWhileAClientIsConnectedAndNotBeforeOrAfter() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    CompletableFuture<Void> ticked = new CompletableFuture<>();
    LiveTicker ticker =
        new LiveTicker(
            5,
            () -> {
              ticks.incrementAndGet();
              ticked.complete(null);
            });
    assertFalse(armedAfter(ticker, () -> ticker.start(vertx)), "no client yet");

    assertTrue(armedAfter(ticker, () -> ticker.clientOpened()));
    ticked.get(10, TimeUnit.SECONDS);
    assertTrue(armedAfter(ticker, () -> ticker.clientOpened()), "two clients");
    assertTrue(armedAfter(ticker, () -> ticker.clientClosed()), "one left");
    assertFalse(armedAfter(ticker, () -> ticker.clientClosed()), "none left");

    // Ten periods later (a timer of the same loop), no tick came after the last client left.
    int after = onLoop(ticks::get);
    CompletableFuture<Integer> later = new CompletableFuture<>();
    context.runOnContext(v -> vertx.setTimer(50, t -> later.complete(ticks.get())));
    assertEquals(after, later.get(10, TimeUnit.SECONDS));

    assertTrue(armedAfter(ticker, () -> ticker.clientOpened()), "a new client");
    assertFalse(armedAfter(ticker, () -> ticker.stop()), "stopped for good");
    assertFalse(armedAfter(ticker, () -> ticker.clientOpened()));
  }
}
