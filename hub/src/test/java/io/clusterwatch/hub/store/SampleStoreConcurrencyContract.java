package io.clusterwatch.hub.store;

import static io.clusterwatch.hub.store.TickWriter.gauge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Queries running while one appender writes see whole committed ticks, never half of one. */
abstract class SampleStoreConcurrencyContract extends SampleStoreValuesContract {
  private static final int SERIES = 32;
  private static final int TICKS = 3_000;

  @Test
  void readersDuringAppendsSeeOnlyWholeCommittedTicks() throws InterruptedException {
    List<SeriesDescriptor> descriptors = new ArrayList<>();
    for (int i = 0; i < SERIES; i++) {
      descriptors.add(gauge("gpu_utilization_ratio", "gpu", Integer.toString(i)));
    }
    SeriesTable table = new SeriesTable(1, descriptors);
    TickWriter writer = new TickWriter(store, "n1", table);
    writer.tick(sec(0), filled(0));
    AtomicBoolean done = new AtomicBoolean();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              started.countDown();
              try {
                while (!done.get() && failures.isEmpty()) {
                  check(table, failures);
                }
                check(table, failures);
              } catch (RuntimeException | AssertionError e) {
                failures.add(e.toString());
              }
            },
            "store-reader");
    reader.start();
    started.await();
    for (int s = 1; s < TICKS; s++) {
      writer.tick(sec(s), filled(s));
    }
    done.set(true);
    reader.join();
    assertEquals(List.of(), failures);
  }

  private static Object[] filled(int s) {
    Object[] values = new Object[SERIES];
    Arrays.fill(values, (double) s);
    return values;
  }

  /** Every series got the same value at every tick, so any two must read alike. */
  private void check(SeriesTable table, List<String> failures) {
    long newest = store.latest("n1", table.get(0).key()).orElseThrow().timestampMs();
    List<SeriesData> raw =
        query("n1", "gpu_utilization_ratio", Labels.EMPTY, newest - 40_000, newest + 10_000, 1_000);
    List<SeriesData> rolled =
        query("n1", "gpu_utilization_ratio", Labels.EMPTY, sec(0), newest + 10_000, 20);
    for (List<SeriesData> result : List.of(raw, rolled)) {
      if (result.size() != SERIES) {
        failures.add("expected " + SERIES + " series, got " + result.size());
        return;
      }
      SeriesData first = result.get(0);
      for (SeriesData d : result) {
        if (!Arrays.equals(first.timestampsMs(), d.timestampsMs())
            || !Arrays.equals(first.min(), d.min())
            || !Arrays.equals(first.avg(), d.avg())
            || !Arrays.equals(first.max(), d.max())) {
          failures.add("torn read: " + d.key() + " differs from " + first.key());
          return;
        }
      }
    }
    SeriesData r = raw.get(0);
    if (r.stepMs() != 1_000) {
      return; // the writer moved on past the raw tier's reach while the query was prepared
    }
    for (int i = 0; i < r.timestampsMs().length; i++) {
      double expected = (r.timestampsMs()[i] - T0) / 1_000.0;
      if (r.avg()[i] != expected) {
        failures.add(
            "value " + r.avg()[i] + " at " + r.timestampsMs()[i] + ", expected " + expected);
        return;
      }
    }
  }
}
