package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The resend buffer across hub outages, and sequence numbers the hub already holds. */
class ShipperResendTest extends ShipperFixture {
  @Test
  void outageWithinTheBoundLosesNothingAndDuplicatesNothing() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    TestHub first = hub(store, port);
    Shipper shipper = shipper(port, 20);
    shipper.start();
    for (long i = 1; i <= 5; i++) {
      shipper.submit(i, tick(i));
    }
    awaitTrue(() -> shipper.stats().lastAckedSeq() == 5, "ack of 5");
    // Frames 6 and 7 are stored but their acks are lost with the server.
    store.setAcking(false);
    shipper.submit(6, tick(6));
    shipper.submit(7, tick(7));
    assertTrue(store.await(s -> s.lastSeq() == 7, WAIT));
    first.close();
    awaitTrue(() -> !shipper.stats().connected(), "disconnect");
    for (long i = 8; i <= 20; i++) {
      shipper.submit(i, tick(i));
    }
    assertEquals(0, shipper.stats().framesDropped());
    store.setAcking(true);
    hub(store, port);
    assertTrue(store.await(s -> s.lastSeq() == 20, WAIT), "frames up to 20 after restart");
    assertEquals(range(1, 20), seqs(store), "every sequence exactly once, in order");
    for (TestHub.Received r : store.frames()) {
      assertEquals(1000 * r.seq(), r.raw("disk_read_bytes_total"));
    }
    awaitTrue(() -> shipper.stats().bufferedFrames() == 0, "buffer drained");
    assertEquals(0, shipper.stats().framesDropped());
    assertTrue(shipper.stats().reconnects() >= 1);
  }

  @Test
  void outagePastTheBoundDropsExactlyTheOverflowAndCountsIt() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    TestHub first = hub(store, port);
    Shipper shipper = shipper(port, 20);
    shipper.start();
    for (long i = 1; i <= 5; i++) {
      shipper.submit(i, tick(i));
    }
    awaitTrue(() -> shipper.stats().lastAckedSeq() == 5, "ack of 5");
    first.close();
    awaitTrue(() -> !shipper.stats().connected(), "disconnect");
    // 30 ticks while the hub is away, 20 fit: 6..15 must go, 16..35 must arrive.
    for (long i = 6; i <= 35; i++) {
      shipper.submit(i, tick(i));
    }
    assertEquals(10, shipper.stats().framesDropped());
    assertEquals(20, shipper.stats().bufferedFrames());
    hub(store, port);
    assertTrue(store.await(s -> s.lastSeq() == 35, WAIT), "frames up to 35 after restart");
    List<Long> expected = range(1, 5);
    expected.addAll(range(16, 35));
    assertEquals(expected, seqs(store));
    for (TestHub.Received r : store.frames()) {
      assertEquals(1000 * r.seq(), r.raw("disk_read_bytes_total"));
    }
    awaitTrue(() -> shipper.stats().bufferedFrames() == 0, "buffer drained");
    assertEquals(10, shipper.stats().framesDropped());
  }

  @Test
  void aHubHoldingAnEarlierRunsNumbersGetsFreshOnes() throws Exception {
    TestHub.Store store = new TestHub.Store();
    store.setLastSeq(1000);
    int port = freePort();
    Shipper shipper = shipper(port, 100);
    shipper.submit(1, tick(1));
    shipper.submit(2, tick(2));
    shipper.start();
    hub(store, port);
    assertTrue(store.await(s -> s.frames().size() == 2, WAIT));
    assertEquals(List.of(1001L, 1002L), seqs(store));
    assertEquals(1000, store.frames().get(0).raw("disk_read_bytes_total"), "tick 1's value");
    shipper.submit(3, tick(3));
    assertTrue(store.await(s -> s.frames().size() == 3, WAIT));
    assertEquals(1003L, seqs(store).get(2));
  }
}
