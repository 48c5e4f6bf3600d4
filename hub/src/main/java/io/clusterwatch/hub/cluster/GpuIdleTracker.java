package io.clusterwatch.hub.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each GPU has been idle (utilisation at or under the threshold), followed as frames
 * arrive so the answer is exact to the sample without scanning history. Each host is written by its
 * ingest connection only.
 */
public final class GpuIdleTracker {
  private final double idleThreshold;
  private final Map<String, HostGpus> hosts = new ConcurrentHashMap<>();

  public GpuIdleTracker(double idleThreshold) {
    this.idleThreshold = idleThreshold;
  }

  /** The GPUs of one host in the order its ingest connection reports them. */
  public final class HostGpus {
    private final Map<String, Integer> indexByUuid = new HashMap<>();

    /** Agent timestamp of the first idle sample after the last busy one; 0 while busy. */
    private final long[] idleSinceMs;

    private HostGpus(String[] uuids, HostGpus previous) {
      idleSinceMs = new long[uuids.length];
      for (int i = 0; i < uuids.length; i++) {
        indexByUuid.put(uuids[i], i);
        if (previous != null) {
          idleSinceMs[i] = previous.idleSince(uuids[i]);
        }
      }
    }

    /** Records GPU {@code position}'s utilisation (0..1) at {@code timestampMs}. */
    public void utilization(int position, long timestampMs, double ratio) {
      if (Double.isNaN(ratio)) {
        return;
      }
      if (ratio > idleThreshold) {
        idleSinceMs[position] = 0;
      } else if (idleSinceMs[position] == 0) {
        idleSinceMs[position] = timestampMs;
      }
    }

    long idleSince(String uuid) {
      Integer i = indexByUuid.get(uuid);
      return i == null ? 0 : idleSinceMs[i];
    }
  }

  /** Starts (or restarts, on a new series table) tracking {@code uuids} of {@code host}. */
  public HostGpus track(String host, String[] uuids) {
    HostGpus gpus = new HostGpus(uuids, hosts.get(host));
    hosts.put(host, gpus);
    return gpus;
  }

  /** When the GPU became idle (agent clock), 0 when busy or unknown. */
  public long idleSinceMs(String host, String uuid) {
    HostGpus gpus = hosts.get(host);
    return gpus == null ? 0 : gpus.idleSince(uuid);
  }

  public double idleThreshold() {
    return idleThreshold;
  }
}
