package io.clusterwatch.agent.collect;

import io.clusterwatch.protocol.Sample;
import java.util.List;

/**
 * One snapshot: every sample of one run of the enabled collectors, collector health included.
 *
 * @param timestampMs when the run started, ms since the Unix epoch (from the injected clock)
 */
public record Tick(long timestampMs, List<Sample> samples) {
  public Tick {
    samples = List.copyOf(samples);
  }
}
