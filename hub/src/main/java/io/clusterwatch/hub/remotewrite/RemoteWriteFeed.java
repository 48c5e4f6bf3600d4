package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.protocol.SeriesTable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Turns each stored tick into one {@link TickEntry} (the host's series under their exposition
 * names, plus {@code clusterwatch_job_gpu_info} for the GPUs {@code jobs} hold now) and hands it to
 * every sink: the endpoints' in-memory sources as ingest stores ticks, or one endpoint's log reader
 * as it reads the write-ahead log back. Costs one entry per tick, shared by all sinks, and never
 * waits for them.
 */
public final class RemoteWriteFeed implements StoredTickListener {
  private final List<Consumer<TickEntry>> sinks;
  private final JobGpuInfo jobInfo;

  /** The naming of each host's table in force; rebuilt when the table changes. */
  private final ConcurrentMap<String, TableNaming> namings = new ConcurrentHashMap<>();

  public RemoteWriteFeed(List<Consumer<TickEntry>> sinks, JobRegistry jobs) {
    this.sinks = List.copyOf(sinks);
    this.jobInfo = new JobGpuInfo(jobs);
  }

  @Override
  public void stored(
      String host, SeriesTable table, long timestampMs, long[] rawBits, boolean[] present) {
    TableNaming naming = namings.get(host);
    if (naming == null || naming.table() != table) {
      naming = new TableNaming(host, table);
      namings.put(host, naming);
    }
    List<PromSeries> jobSeries = jobInfo.now(host);
    int n = jobSeries.size();
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        n++;
      }
    }
    PromSeries[] series = new PromSeries[n];
    double[] values = new double[n];
    int k = 0;
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        double v = naming.value(i, rawBits[i]);
        if (!Double.isNaN(v)) {
          series[k] = naming.series(i);
          values[k++] = v;
        }
      }
    }
    for (PromSeries s : jobSeries) {
      series[k] = s;
      values[k++] = 1;
    }
    TickEntry entry =
        k == n
            ? new TickEntry(timestampMs, series, values)
            : new TickEntry(
                timestampMs,
                java.util.Arrays.copyOf(series, k),
                java.util.Arrays.copyOf(values, k));
    for (Consumer<TickEntry> sink : sinks) {
      sink.accept(entry);
    }
  }
}
