package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.cluster.NodeLayout.GpuLayout;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.store.LatestValue;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.protocol.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GPU state rules of docs/API.md: every GPU is exactly one of busy (held, utilisation over the
 * idle threshold), idle (held, at or under it), free (held by no job) or stale (agent silent, the
 * GPU marked stale, or no utilisation reported), with the memory_held_idle and unhealthy flags.
 */
public final class GpuStates {
  /** NVML clock event reasons: software (0x20) and hardware (0x40) thermal slowdown. */
  static final long THERMAL_REASONS = 0x20L | 0x40L;

  private final SampleStore store;
  private final JobRegistry jobs;
  private final GpuIdleTracker idle;
  private final long memoryHeldIdleBytes;

  public GpuStates(
      SampleStore store, JobRegistry jobs, GpuIdleTracker idle, long memoryHeldIdleBytes) {
    this.store = store;
    this.jobs = jobs;
    this.idle = idle;
    this.memoryHeldIdleBytes = memoryHeldIdleBytes;
  }

  /** Every GPU of {@code host}, by index. */
  public List<GpuView> of(String host, NodeLayout layout, boolean agentStale) {
    Map<String, Allocation> held = jobs.openGpuAllocations(host);
    List<GpuView> out = new ArrayList<>(layout.gpus().size());
    for (GpuLayout g : layout.gpus()) {
      out.add(view(host, g, agentStale, held.get(g.uuid())));
    }
    return out;
  }

  private GpuView view(String host, GpuLayout g, boolean agentStale, Allocation allocation) {
    double util = value(host, g.key("gpu_utilization_ratio"));
    double memUsed = value(host, g.key("gpu_memory_used_bytes"));
    double gpuStale = value(host, g.key("gpu_stale"));
    Job job = allocation == null ? null : jobs.get(allocation.jobId()).orElse(null);
    String state;
    long idleSince = 0;
    if (agentStale || gpuStale == 1.0 || Double.isNaN(util)) {
      state = "stale";
    } else if (job == null) {
      state = "free";
    } else if (util > idle.idleThreshold()) {
      state = "busy";
    } else {
      state = "idle";
      long since = idle.idleSinceMs(host, g.uuid());
      idleSince = Math.max(since, allocation.startMs());
    }
    boolean memoryHeldIdle = util == 0.0 && memUsed > memoryHeldIdleBytes;
    return new GpuView(
        host,
        g.index(),
        g.uuid(),
        g.pciBusId(),
        g.model(),
        state,
        idleSince,
        memoryHeldIdle,
        unhealthyReasons(host, g),
        util,
        memUsed,
        value(host, g.key("gpu_memory_total_bytes")),
        value(host, g.key("gpu_power_watts")),
        value(host, g.key("gpu_temperature_celsius")),
        job);
  }

  private List<String> unhealthyReasons(String host, GpuLayout g) {
    List<String> reasons = new ArrayList<>(0);
    boolean xid = value(host, g.key("gpu_last_xid")) > 0;
    for (SeriesKey k : g.xidCounters()) {
      xid |= raw(host, k) > 0;
    }
    if (xid) {
      reasons.add("xid");
    }
    if (raw(host, g.key("gpu_ecc_uncorrected_errors_total")) > 0) {
      reasons.add("ecc_uncorrected");
    }
    double clockReasons = value(host, g.key("gpu_clock_event_reasons"));
    if (!Double.isNaN(clockReasons) && (((long) clockReasons) & THERMAL_REASONS) != 0) {
      reasons.add("thermal_throttling");
    }
    return reasons;
  }

  private double value(String host, SeriesKey key) {
    if (key == null) {
      return Double.NaN;
    }
    return store.latest(host, key).map(LatestValue::value).orElse(Double.NaN);
  }

  /** A counter's raw value (base unit); NaN when unknown. */
  private double raw(String host, SeriesKey key) {
    if (key == null) {
      return Double.NaN;
    }
    return store.latest(host, key).map(LatestValue::rawCounter).orElse(Double.NaN);
  }
}
