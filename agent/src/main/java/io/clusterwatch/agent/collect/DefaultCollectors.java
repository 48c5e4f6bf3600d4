package io.clusterwatch.agent.collect;

import io.clusterwatch.agent.cpu.CpuCollectorFactory;
import io.clusterwatch.agent.disk.DiskCollectorFactory;
import io.clusterwatch.agent.gpu.GpuCollectorFactory;
import io.clusterwatch.agent.infiniband.InfinibandCollectorFactory;
import io.clusterwatch.agent.jobcgroup.JobCgroupCollectorFactory;
import io.clusterwatch.agent.memory.MemoryCollectorFactory;
import io.clusterwatch.agent.network.NetworkCollectorFactory;
import io.clusterwatch.agent.pressure.PressureCollectorFactory;
import java.util.List;

/**
 * Every collector the agent ships, in the order they run each tick: the one list to read to know
 * what the agent collects, and the one line to add for a new collector. Each factory brings its own
 * settings record, read from {@code collectors.<name>}.
 */
public final class DefaultCollectors {
  private DefaultCollectors() {}

  /** New factories (they hold no state) for {@link CollectorRegistry}. */
  public static List<CollectorFactory<?>> factories() {
    return List.of(
        new CpuCollectorFactory(),
        new MemoryCollectorFactory(),
        new PressureCollectorFactory(),
        new DiskCollectorFactory(),
        new NetworkCollectorFactory(),
        new InfinibandCollectorFactory(),
        new GpuCollectorFactory(),
        new JobCgroupCollectorFactory());
  }
}
