package io.clusterwatch.agent.gpu;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.host.TickCache;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code gpu} collector: turns the backend's readings into samples (docs/METRICS.md, GPU
 * families). Every known GPU gives {@code gpu_info} and {@code gpu_stale}; a stale GPU gives
 * nothing else that tick.
 */
public final class GpuCollector implements Collector {
  static final String INFO = "gpu_info";
  static final String STALE = "gpu_stale";
  static final String XID_ERRORS = "gpu_xid_errors_total";
  static final String MIG_MEMORY_USED = "gpu_mig_memory_used_bytes";
  static final String MIG_MEMORY_TOTAL = "gpu_mig_memory_total_bytes";

  private final GpuBackend backend;

  /** The labels of each GPU (and of each XID and MIG device), kept while the GPU is read. */
  private final TickCache<GpuIdentity, GpuLabels> labels = new TickCache<>();

  private final TickCache<Labels, Labels> derived = new TickCache<>();

  /** The labels of one GPU's series and of its {@code gpu_info}. */
  private record GpuLabels(Labels series, Labels info) {
    static GpuLabels of(GpuIdentity identity) {
      return new GpuLabels(identity.labels(), identity.infoLabels());
    }
  }

  /** Written on the collection thread, read by job discovery on its own thread. */
  private volatile List<GpuReading> lastReadings = List.of();

  public GpuCollector(GpuBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  @Override
  public String name() {
    return "gpu";
  }

  /** {@code nvml} or {@code nvidia-smi}. */
  public String backendName() {
    return backend.name();
  }

  @Override
  public List<Sample> collect() throws IOException {
    List<GpuReading> readings = backend.read();
    lastReadings = readings;
    List<Sample> samples = toSamples(readings, labels, derived);
    labels.endCollection();
    derived.endCollection();
    return samples;
  }

  /** The readings of the last tick (identities, MIG devices); empty before the first tick. */
  public List<GpuReading> lastReadings() {
    return lastReadings;
  }

  /** The compute processes of the last process listing, for mapping GPUs to jobs. */
  public List<GpuProcess> lastProcesses() {
    return backend.lastProcesses();
  }

  static List<Sample> toSamples(List<GpuReading> readings) {
    return toSamples(readings, new TickCache<>(), new TickCache<>());
  }

  /**
   * The samples of {@code readings}, with each GPU's labels from {@code gpuLabels} and the XID and
   * MIG labels derived from them from {@code derived}, so that an unchanged GPU's series keep the
   * same {@link Labels} instances from tick to tick (cheaper to make, and to compare when the frame
   * is built).
   */
  private static List<Sample> toSamples(
      List<GpuReading> readings,
      TickCache<GpuIdentity, GpuLabels> gpuLabels,
      TickCache<Labels, Labels> derived) {
    List<Sample> samples = new ArrayList<>(readings.size() * 24);
    for (GpuReading reading : readings) {
      GpuLabels known = gpuLabels.get(reading.identity(), GpuLabels::of);
      Labels labels = known.series();
      samples.add(Sample.gauge(INFO, known.info(), 1.0));
      samples.add(Sample.gauge(STALE, labels, reading.stale() ? 1.0 : 0.0));
      if (reading.stale()) {
        continue;
      }
      for (Map.Entry<GpuGauge, Double> gauge : reading.gauges().entrySet()) {
        samples.add(Sample.gauge(gauge.getKey().metric(), labels, gauge.getValue()));
      }
      for (Map.Entry<GpuCounter, Long> counter : reading.counters().entrySet()) {
        GpuCounter c = counter.getKey();
        samples.add(Sample.counter(c.metric(), labels, counter.getValue(), c.scale()));
      }
      for (Map.Entry<Long, Long> xid : reading.xidErrors().entrySet()) {
        Labels xidLabels =
            derived.get(labels.with("xid", Long.toString(xid.getKey())), Function.identity());
        samples.add(Sample.counter(XID_ERRORS, xidLabels, xid.getValue()));
      }
      for (MigInstance mig : reading.migInstances()) {
        Labels migLabels = derived.get(labels.with("mig_uuid", mig.uuid()), Function.identity());
        samples.add(Sample.gauge(MIG_MEMORY_USED, migLabels, mig.memoryUsedBytes()));
        samples.add(Sample.gauge(MIG_MEMORY_TOTAL, migLabels, mig.memoryTotalBytes()));
        for (Map.Entry<GpuGauge, Double> gauge : mig.gauges().entrySet()) {
          samples.add(Sample.gauge(gauge.getKey().metric(), migLabels, gauge.getValue()));
        }
      }
    }
    return samples;
  }

  @Override
  public void close() {
    backend.close();
  }
}
