package io.clusterwatch.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CollectorRunnerTest {
  private static final System.Logger LOG = System.getLogger(CollectorRunnerTest.class.getName());

  /** A collector that returns fixed samples or throws. */
  private static Collector collector(String name, List<Sample> samples, Exception failure) {
    return new Collector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Sample> collect() throws IOException {
        if (failure instanceof IOException) {
          throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
          throw (RuntimeException) failure;
        }
        return samples;
      }
    };
  }

  private static double value(Tick tick, String metric, String collector) {
    return tick.samples().stream()
        .filter(s -> s.metric().equals(metric) && collector.equals(s.labels().get("collector")))
        .findFirst()
        .orElseThrow()
        .gaugeValue();
  }

  @Test
  void oneFailingCollectorNeverStopsTheOthersAndEachReportsItsHealth() {
    Sample mem = Sample.gauge("memory_MemTotal_bytes", Labels.EMPTY, 1024);
    Sample cpu =
        Sample.counter("cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle"), 100, 0.01);
    List<Collector> collectors =
        List.of(
            collector("memory", List.of(mem), null),
            collector("disk", null, new IOException("diskstats: unreadable")),
            collector("network", null, new IllegalStateException("bug")),
            collector("cpu", List.of(cpu), null));
    AtomicLong nanos = new AtomicLong();
    // Every reading of the monotonic clock moves it 3 ms on: each collector takes 3 ms.
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try (CollectorRunner runner =
        new CollectorRunner(
            collectors,
            clock,
            () -> nanos.getAndAdd(3_000_000),
            scheduler,
            Duration.ofSeconds(1),
            LOG)) {
      List<Tick> seen = new ArrayList<>();
      runner.addListener(seen::add);
      runner.addListener(
          t -> {
            throw new IllegalStateException("a broken listener");
          });
      runner.addListener(seen::add);
      runner.addSampleSource(() -> List.of(Sample.gauge("agent_buffered_frames", Labels.EMPTY, 7)));
      Tick tick = runner.tick();

      assertEquals(1_700_000_000_123L, tick.timestampMs());
      assertTrue(tick.samples().contains(mem));
      assertTrue(tick.samples().contains(cpu));
      assertTrue(tick.samples().contains(Sample.gauge("agent_buffered_frames", Labels.EMPTY, 7)));
      assertEquals(1.0, value(tick, CollectorRunner.SUCCESS_METRIC, "memory"));
      assertEquals(0.0, value(tick, CollectorRunner.SUCCESS_METRIC, "disk"));
      assertEquals(0.0, value(tick, CollectorRunner.SUCCESS_METRIC, "network"));
      assertEquals(1.0, value(tick, CollectorRunner.SUCCESS_METRIC, "cpu"));
      for (String c : List.of("memory", "disk", "network", "cpu")) {
        assertEquals(0.003, value(tick, CollectorRunner.DURATION_METRIC, c), 1e-12, c);
      }
      assertEquals(2, seen.size(), "both working listeners got the tick");
      assertSame(tick, seen.get(0));
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void ticksAreAlignedToTheInterval() throws Exception {
    List<Long> initialDelays = new ArrayList<>();
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1) {
          @Override
          public ScheduledFuture<?> scheduleAtFixedRate(
              Runnable command, long initialDelay, long period, TimeUnit unit) {
            initialDelays.add(unit.toMillis(initialDelay));
            assertEquals(1000, unit.toMillis(period));
            return super.scheduleAtFixedRate(command, initialDelay, period, unit);
          }
        };
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_234L), ZoneOffset.UTC);
    try (CollectorRunner runner =
        new CollectorRunner(
            List.of(), clock, System::nanoTime, scheduler, Duration.ofSeconds(1), LOG)) {
      runner.start();
      assertEquals(List.of(766L), initialDelays);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void scheduledTicksReachTheListeners() throws Exception {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    CountDownLatch threeTicks = new CountDownLatch(3);
    try (CollectorRunner runner =
        new CollectorRunner(
            List.of(collector("memory", List.of(), null)),
            Clock.systemUTC(),
            System::nanoTime,
            scheduler,
            Duration.ofMillis(20),
            LOG)) {
      runner.addListener(t -> threeTicks.countDown());
      runner.start();
      assertTrue(threeTicks.await(20, TimeUnit.SECONDS));
    } finally {
      scheduler.shutdownNow();
    }
  }
}
