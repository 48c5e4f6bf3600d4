package io.clusterwatch.agent.gpu;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One GPU at one tick. A field the device does not report is absent from the maps, never zero. A
 * stale reading (the GPU's last call hung, or the GPU fell off the bus) carries only its identity.
 *
 * @param identity which GPU
 * @param stale true when nothing could be read this tick
 * @param gauges values in base units
 * @param counters raw counter values, see {@link GpuCounter#scale()}
 * @param xidErrors XID code to the number of events seen since the agent started
 * @param migInstances the MIG devices, empty when MIG is off
 */
public record GpuReading(
    GpuIdentity identity,
    boolean stale,
    Map<GpuGauge, Double> gauges,
    Map<GpuCounter, Long> counters,
    Map<Long, Long> xidErrors,
    List<MigInstance> migInstances) {
  public GpuReading {
    Objects.requireNonNull(identity, "identity");
    gauges = Collections.unmodifiableMap(copy(gauges, GpuGauge.class));
    counters = Collections.unmodifiableMap(copy(counters, GpuCounter.class));
    xidErrors = Collections.unmodifiableMap(new TreeMap<>(xidErrors));
    migInstances = List.copyOf(migInstances);
  }

  /** A reading of a GPU that could not be read this tick. */
  public static GpuReading stale(GpuIdentity identity) {
    return new GpuReading(identity, true, Map.of(), Map.of(), Map.of(), List.of());
  }

  private static <K extends Enum<K>, V> EnumMap<K, V> copy(Map<K, V> map, Class<K> type) {
    EnumMap<K, V> copy = new EnumMap<>(type);
    copy.putAll(map);
    return copy;
  }

  /** Collects the fields of one reading as they are read. Not thread-safe. */
  public static final class Builder {
    private final GpuIdentity identity;
    private final Map<GpuGauge, Double> gauges = new EnumMap<>(GpuGauge.class);
    private final Map<GpuCounter, Long> counters = new EnumMap<>(GpuCounter.class);
    private Map<Long, Long> xidErrors = Map.of();
    private List<MigInstance> migInstances = List.of();

    public Builder(GpuIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
    }

    public Builder gauge(GpuGauge gauge, double value) {
      gauges.put(gauge, value);
      return this;
    }

    public Builder counter(GpuCounter counter, long raw) {
      counters.put(counter, raw);
      return this;
    }

    public Builder xidErrors(Map<Long, Long> xidErrors) {
      this.xidErrors = xidErrors;
      return this;
    }

    public Builder migInstances(List<MigInstance> migInstances) {
      this.migInstances = migInstances;
      return this;
    }

    public GpuReading build() {
      return new GpuReading(identity, false, gauges, counters, xidErrors, migInstances);
    }
  }
}
