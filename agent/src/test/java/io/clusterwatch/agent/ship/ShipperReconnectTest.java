package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.Schema;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the shipper gives a connection up and how long it waits before the next: welcome timeouts,
 * hub errors, growing delays.
 */
class ShipperReconnectTest extends ShipperFixture {
  /**
   * The welcome timeout falls due just as the welcome arrives: a pool thread has taken the timeout
   * up, so cancelling it no longer stops it, and it waits for the shipper's lock while the welcome
   * is handled and frames and a schema go out. Under load the wait can be long. The late timeout
   * must leave the welcomed connection alone: dropping it would make the next connection send the
   * hello, and the schema after it, once more.
   */
  @Test
  void aWelcomeTimeoutRunningLateLeavesTheWelcomedConnectionAlone() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.holdWelcomes();
    int port = freePort();
    hub(store, port);
    HeldTimerScheduler timers = new HeldTimerScheduler(scheduler);
    Shipper shipper = shipper(port, 100, timers);
    shipper.start();
    shipper.submit(1, tick(1));
    shipper.submit(2, tick(2));
    HeldTimerScheduler.Timer welcomeTimeout = timers.nextTimer(WAIT);
    assertEquals(5000, welcomeTimeout.delayMs(), "the welcome timeout (the connect timeout)");
    welcomeTimeout.begin();
    store.releaseWelcomes();
    shipper.submit(3, tickWithGpu(3));
    assertTrue(store.await(s -> s.frames().size() == 3, WAIT), "frames 1 to 3");
    welcomeTimeout.finish();
    assertEquals(
        0, shipper.stats().reconnects(), "the late welcome timeout dropped the connection");
    assertTrue(shipper.stats().connected());
    shipper.submit(4, tickWithGpu(4));
    assertTrue(store.await(s -> s.frames().size() == 4, WAIT), "frame 4");
    assertEquals(range(1, 4), seqs(store));
    assertEquals(1, count(store, Hello.class), "one hello");
    assertEquals(1, count(store, Schema.class), "one schema message");
  }

  @Test
  void aWelcomeThatDoesNotComeInTimeLeadsToAReconnect() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.holdWelcomes();
    int port = freePort();
    hub(store, port);
    HeldTimerScheduler timers = new HeldTimerScheduler(scheduler);
    Shipper shipper = shipper(port, 100, timers);
    shipper.start();
    shipper.submit(1, tick(1));
    HeldTimerScheduler.Timer welcomeTimeout = timers.nextTimer(WAIT);
    // The timeout is armed as the hello is sent: let it reach the hub, whose welcome is then held.
    assertTrue(store.await(s -> count(s, Hello.class) == 1, WAIT), "the first hello");
    welcomeTimeout.begin();
    welcomeTimeout.finish();
    assertEquals(1, shipper.stats().reconnects(), "the overdue welcome dropped the connection");
    HeldTimerScheduler.Timer reconnect = timers.nextTimer(WAIT);
    // The first delay: equal jitter keeps between half and all of the initial 100 ms.
    assertTrue(
        reconnect.delayMs() >= 50 && reconnect.delayMs() <= 100, reconnect.delayMs() + " ms");
    // The first connection's welcome now goes to a connection the shipper has given up.
    store.releaseWelcomes();
    reconnect.begin();
    reconnect.finish();
    assertTrue(store.await(s -> s.frames().size() == 1, WAIT), "frame 1 on the second connection");
    assertEquals(2, count(store, Hello.class));
    assertEquals(2, store.connectionNanos().size());
    assertTrue(shipper.stats().connected());
  }

  @Test
  void anErrorFromTheHubLeadsToAReconnectAfterABackoff() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.refuseNextHellos(2);
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    shipper.submit(1, tick(1));
    assertTrue(store.await(s -> s.frames().size() == 1, WAIT), "frame after two refusals");
    List<Long> connections = store.connectionNanos();
    assertEquals(3, connections.size(), "two refused connections, then one accepted");
    // Equal jitter: a delay is at least half the base delay (100 ms, then 200 ms).
    long minimumGapNanos = BACKOFF_INITIAL.toNanos() / 2;
    for (int i = 1; i < connections.size(); i++) {
      long gap = connections.get(i) - connections.get(i - 1);
      assertTrue(gap >= minimumGapNanos, "reconnect " + i + " waited " + gap + " ns");
    }
    assertEquals(2, shipper.stats().reconnects());
  }

  @Test
  void aHubThatWelcomesAcksThenErrorsMakesTheDelaysGrow() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.dropAfterWelcome(true);
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    assertTrue(store.await(s -> s.connectionNanos().size() >= 4, WAIT), "four connections");
    List<Long> connections = store.connectionNanos();
    // Bases 100, 200, 400 ms; equal jitter keeps at least half of each.
    long[] minimumGapMs = {50, 100, 200};
    for (int i = 0; i < minimumGapMs.length; i++) {
      long gap = connections.get(i + 1) - connections.get(i);
      assertTrue(
          gap >= TimeUnit.MILLISECONDS.toNanos(minimumGapMs[i]),
          "reconnect " + (i + 1) + " waited only " + gap + " ns");
    }
    assertTrue(shipper.stats().reconnects() >= 3);
  }
}
