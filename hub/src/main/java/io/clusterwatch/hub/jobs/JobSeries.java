package io.clusterwatch.hub.jobs;

import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.protocol.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A job's series: a join of the allocation timeline with the store at query time. Series of the
 * job's hosts, restricted for GPU series (those with a {@code gpu_uuid} label) to the GPUs the job
 * held, each cut to the intervals it held them; host series are cut to the job's time on the host.
 * Per-job series (a {@code job_id} label, {@link JobIdLabel}) count only for the job they name.
 */
public final class JobSeries {
  private final SampleStore store;

  public JobSeries(SampleStore store) {
    this.store = store;
  }

  public List<SeriesData> query(
      Job job, String metric, Labels matchers, long fromMs, long toMs, int maxPoints) {
    List<SeriesData> out = new ArrayList<>();
    Set<String> ids = JobIdLabel.ids(job.id(), job.attributes());
    for (HostWindow w : windows(job, fromMs, toMs)) {
      for (SeriesData d :
          store.query(
              new SeriesQuery(w.host(), metric, matchers, w.fromMs(), w.toMs(), maxPoints))) {
        if (!JobIdLabel.visibleTo(d.key().labels(), ids)) {
          continue;
        }
        SeriesData cut = w.cut(d);
        if (cut != null) {
          out.add(cut);
        }
      }
    }
    return out;
  }

  /**
   * The part of {@code [fromMs, toMs]} the job spent on one host, with its allocations there.
   *
   * @param onHost the job's allocations on {@code host} that overlap the range
   */
  public record HostWindow(String host, long fromMs, long toMs, List<Allocation> onHost) {
    /**
     * {@code d} (a series of this host) restricted to the job: a GPU series (one with a {@code
     * gpu_uuid} label) to the intervals the job held that GPU, a host series to the job's time on
     * the host; null when nothing is left.
     */
    public SeriesData cut(SeriesData d) {
      String uuid = d.key().labels().get("gpu_uuid");
      List<Allocation> held = new ArrayList<>();
      for (Allocation a : onHost) {
        if (uuid == null || a.gpuUuid().equals(uuid)) {
          held.add(a);
        }
      }
      return held.isEmpty() ? null : JobSeries.cut(d, held);
    }
  }

  /** One window per host of the job that it used within {@code [fromMs, toMs]}, in host order. */
  public static List<HostWindow> windows(Job job, long fromMs, long toMs) {
    List<HostWindow> out = new ArrayList<>();
    for (String host : job.hosts()) {
      List<Allocation> onHost = new ArrayList<>();
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (Allocation a : job.allocations()) {
        if (a.host().equals(host) && a.overlaps(fromMs, toMs)) {
          onHost.add(a);
          start = Math.min(start, a.startMs());
          end = Math.max(end, a.endMs());
        }
      }
      if (!onHost.isEmpty()) {
        out.add(
            new HostWindow(
                host, Math.max(fromMs, start), Math.min(toMs, end), List.copyOf(onHost)));
      }
    }
    return out;
  }

  /**
   * Keeps the points whose step overlaps one of {@code held}, trimmed to the first and last such
   * point; points between intervals become gaps. Null when no point is left.
   */
  static SeriesData cut(SeriesData d, List<Allocation> held) {
    long[] ts = d.timestampsMs();
    int first = -1;
    int last = -1;
    boolean[] keep = new boolean[ts.length];
    for (int i = 0; i < ts.length; i++) {
      for (Allocation a : held) {
        if (ts[i] <= a.endMs() && ts[i] + Math.max(1, d.stepMs()) > a.startMs()) {
          keep[i] = true;
          break;
        }
      }
      if (keep[i]) {
        last = i;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first < 0) {
      return null;
    }
    boolean raw = d.min() == d.avg() && d.max() == d.avg();
    double[] avg = slice(d.avg(), keep, first, last);
    double[] min = raw ? avg : slice(d.min(), keep, first, last);
    double[] max = raw ? avg : slice(d.max(), keep, first, last);
    return new SeriesData(
        d.host(),
        d.key(),
        d.unit(),
        d.stepMs(),
        Arrays.copyOfRange(ts, first, last + 1),
        min,
        avg,
        max);
  }

  private static double[] slice(double[] values, boolean[] keep, int first, int last) {
    double[] out = Arrays.copyOfRange(values, first, last + 1);
    for (int i = first; i <= last; i++) {
      if (!keep[i]) {
        out[i - first] = Double.NaN;
      }
    }
    return out;
  }
}
