package io.clusterwatch.agent.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.message.ControlMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the shipper sends on a connection, in what order: hello, job events and snapshot, schemas,
 * frames.
 */
class ShipperStreamTest extends ShipperFixture {
  @Test
  void framesArriveInOrderWithTheirValues() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    for (long i = 1; i <= 10; i++) {
      shipper.submit(1_700_000_000_000L + i * 1000, tick(i));
    }
    assertTrue(store.await(s -> s.frames().size() == 10, WAIT), "10 frames stored");
    assertEquals(range(1, 10), seqs(store));
    for (TestHub.Received r : store.frames()) {
      long i = r.seq();
      assertEquals(1_700_000_000_000L + i * 1000, r.frame().timestampMs());
      assertEquals(1000 * i, r.raw("disk_read_bytes_total"));
      assertEquals(i / 2.0, Double.longBitsToDouble(r.raw("memory_MemAvailable_bytes")));
    }
    Hello hello = (Hello) store.messages().get(0);
    assertEquals("node01", hello.host());
    assertEquals("node01-boot", hello.agentId());
    assertEquals("secret", hello.token());
    assertEquals(1000, hello.intervalMs());
    assertEquals("6.1.0", hello.attributes().get("kernel"));
    awaitTrue(() -> shipper.stats().lastAckedSeq() == 10, "ack of 10");
    ShipperStats stats = shipper.stats();
    assertTrue(stats.connected());
    assertEquals(10, stats.framesSent());
    assertEquals(10, stats.framesAcked());
    assertEquals(0, stats.bufferedFrames());
    assertEquals(0, stats.framesDropped());
  }

  /**
   * After a welcome that offers it, data frames go unmasked: a server that offers it yet reads only
   * masked frames drops the connection at the first frame and stores none, one that reads them
   * stores every frame. Every other test's hub offers nothing and reads only masked frames.
   */
  @Test
  void dataFramesGoUnmaskedOnlyToAHubThatOffersIt() throws Exception {
    TestHub.Store strict = new TestHub.Store();
    strict.offerUnmaskedData();
    int strictPort = freePort();
    hub(strict, strictPort);
    Shipper refused = shipper(strictPort, 100);
    refused.submit(1_700_000_001_000L, tick(1));
    refused.start();
    assertTrue(
        strict.await(s -> s.connectionNanos().size() >= 2, WAIT),
        "the agent reconnected after its unmasked frame was refused");
    assertEquals(List.of(), strict.frames());
    refused.close();

    TestHub.Store lenient = new TestHub.Store();
    lenient.offerUnmaskedData();
    int port = freePort();
    hub(lenient, port, new HttpServerOptions().setAcceptUnmaskedFrames(true));
    Shipper shipper = shipper(port, 100);
    shipper.start();
    for (long i = 1; i <= 5; i++) {
      shipper.submit(1_700_000_000_000L + i * 1000, tick(i));
    }
    assertTrue(lenient.await(s -> s.frames().size() == 5, WAIT), "5 frames stored");
    assertEquals(range(1, 5), seqs(lenient));
    assertEquals(5000, lenient.frames().get(4).raw("disk_read_bytes_total"));
    assertEquals(1, lenient.connectionNanos().size(), "one connection throughout");
  }

  /**
   * Ticks 1 and 2 are buffered before the shipper starts, so the hello deterministically announces
   * their table (version 1, from the oldest buffered frame) and only the new series of tick 3 calls
   * for a schema message. Were the connection welcomed before tick 1, the hello would carry the
   * empty table and a schema for version 1 would come first, as the next test shows.
   */
  @Test
  void aNewSeriesSendsASchemaBeforeTheNextFrame() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.submit(1, tick(1));
    shipper.submit(2, tick(2));
    shipper.start();
    shipper.submit(3, tickWithGpu(3));
    assertTrue(store.await(s -> s.frames().size() == 3, WAIT));
    assertEquals(1, ((Hello) store.messages().get(0)).table().schemaVersion(), "hello's table");
    List<ControlMessage> schemas =
        store.messages().stream().filter(m -> m instanceof Schema).collect(Collectors.toList());
    assertEquals(1, schemas.size(), "one schema message");
    Schema schema = (Schema) schemas.get(0);
    assertEquals(2, schema.table().schemaVersion());
    assertEquals(3, schema.table().size());
    TestHub.Received third = store.frames().get(2);
    assertEquals(2, third.frame().schemaVersion());
    assertEquals(0.75, Double.longBitsToDouble(third.raw("gpu_utilization_ratio")));
    assertEquals(1, store.frames().get(1).frame().schemaVersion());
  }

  /** The agent starts its shipper before its first tick: the hello has no table to announce yet. */
  @Test
  void aConnectionWelcomedBeforeTheFirstTickSendsTheFirstTableAsASchema() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    hub(store, port);
    Shipper shipper = shipper(port, 100);
    shipper.start();
    awaitTrue(() -> shipper.stats().connected(), "welcome");
    shipper.submit(1, tick(1));
    shipper.submit(2, tickWithGpu(2));
    assertTrue(store.await(s -> s.frames().size() == 2, WAIT));
    List<ControlMessage> m = store.messages();
    assertEquals(3, m.size(), "hello and two schemas: " + m);
    Hello hello = (Hello) m.get(0);
    assertEquals(0, hello.table().schemaVersion());
    assertEquals(0, hello.table().size());
    assertEquals(1, ((Schema) m.get(1)).table().schemaVersion());
    assertEquals(2, ((Schema) m.get(1)).table().size());
    assertEquals(2, ((Schema) m.get(2)).table().schemaVersion());
    assertEquals(3, ((Schema) m.get(2)).table().size());
    assertEquals(1, store.frames().get(0).frame().schemaVersion());
    assertEquals(2, store.frames().get(1).frame().schemaVersion());
  }

  @Test
  void jobEventsAndTheSnapshotFollowTheWelcome() throws Exception {
    TestHub.Store store = new TestHub.Store();
    int port = freePort();
    Shipper shipper = shipper(port, 100);
    JobInfo job = new JobInfo("42", "ada", "train", List.of("GPU-1"), 5, "static", Map.of());
    shipper.setJobSnapshotSupplier(() -> List.of(job));
    shipper.submitJobEvent(new JobEvent(JobEvent.STARTED, 5, job));
    shipper.start();
    // The hub is not up yet: the event waits in the buffer.
    awaitTrue(() -> shipper.stats().reconnects() >= 1, "a failed first connect");
    hub(store, port);
    assertTrue(store.await(s -> s.messages().size() >= 3, WAIT));
    List<ControlMessage> m = store.messages();
    assertTrue(m.get(0) instanceof Hello);
    assertEquals(new JobEvent(JobEvent.STARTED, 5, job), m.get(1));
    assertEquals(List.of(job), ((JobSnapshot) m.get(2)).jobs());
  }
}
