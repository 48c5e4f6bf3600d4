package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.Sample;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.List;

/**
 * What one simulated node reports for one tick.
 *
 * @param host node name
 * @param timeMs the tick's time, ms since the epoch
 * @param events jobs that started or ended on this node since the previous tick
 * @param runningJobs every job holding GPUs on this node now
 * @param samples every series of the node
 */
public record NodeTick(
    String host,
    long timeMs,
    List<JobEvent> events,
    List<JobInfo> runningJobs,
    List<Sample> samples) {
  public NodeTick {
    events = List.copyOf(events);
    runningJobs = List.copyOf(runningJobs);
    samples = List.copyOf(samples);
  }
}
