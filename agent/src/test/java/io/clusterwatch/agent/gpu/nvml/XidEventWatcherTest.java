package io.clusterwatch.agent.gpu.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterwatch.agent.gpu.GpuCollector;
import io.clusterwatch.agent.gpu.MutableClock;
import io.clusterwatch.agent.gpu.SampleLookup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XID events from the fake's event set, counted per GPU and code. */
class XidEventWatcherTest {
  @TempDir Path dir;
  private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
  private FakeNvml fake;
  private GpuCollector collector;

  @AfterEach
  void close() {
    if (collector != null) {
      collector.close();
    }
  }

  private GpuCollector open(String scenario) throws Exception {
    fake = FakeNvml.install(dir, FakeNvml.Variant.DEFAULT, scenario);
    NvmlGpuBackend backend =
        NvmlGpuBackend.open(
            fake.load(),
            new NvmlWatchdog(Duration.ofSeconds(5)),
            new MutableClock(Instant.parse("2026-11-25T10:00:00Z")),
            Duration.ofSeconds(10),
            NvmlGpuBackendTest.LOG,
            (gpu, xid) -> events.add(gpu + ":" + xid));
    collector = new GpuCollector(backend);
    return collector;
  }

  private String nextEvent() throws InterruptedException {
    String event = events.poll(30, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no XID event within 30 s");
    }
    return event;
  }

  @Test
  void aScriptedXid79IsCountedOnItsGpu() throws Exception {
    open("vary=0;xid=4:79");
    assertEquals("4:79", nextEvent());
    SampleLookup s = new SampleLookup(collector.collect());
    assertEquals(1.0, s.value("gpu_xid_errors_total", "gpu", "4", "xid", "79"));
    assertEquals(79.0, s.value("gpu_last_xid", "gpu", "4"));
    assertEquals(0.0, s.value("gpu_last_xid", "gpu", "3"));
    assertFalse(s.has("gpu_xid_errors_total", "gpu", "3"));
  }

  @Test
  void countsPerCodeAndTheLastCode() throws Exception {
    open("vary=0");
    fake.control.fake_nvml_inject_xid(2, 79);
    assertEquals("2:79", nextEvent());
    fake.control.fake_nvml_inject_xid(2, 13);
    assertEquals("2:13", nextEvent());
    fake.control.fake_nvml_inject_xid(2, 79);
    assertEquals("2:79", nextEvent());
    fake.control.fake_nvml_inject_xid(2, 999);
    assertEquals("2:999", nextEvent());
    SampleLookup s = new SampleLookup(collector.collect());
    assertEquals(2.0, s.value("gpu_xid_errors_total", "gpu", "2", "xid", "79"));
    assertEquals(1.0, s.value("gpu_xid_errors_total", "gpu", "2", "xid", "13"));
    // 999: an XID the driver could not name, counted like any other
    assertEquals(1.0, s.value("gpu_xid_errors_total", "gpu", "2", "xid", "999"));
    assertEquals(999.0, s.value("gpu_last_xid", "gpu", "2"));
  }
}
