package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic GPU cluster: {@code gpu-node-01} to {@code gpu-node-NN}, a job scheduler, and a few
 * nodes with trouble. Every demo starts with the same cast: a full-node training job on a node
 * whose cooling is failing (and which later reports XID 48), a data-loader-starved job and an
 * interactive session left idle on the first node, a two-node training job when there are six nodes
 * or more, an IB port collecting link errors; the rest is filled with random jobs to the
 * scheduler's target allocation (72 to 82 %).
 *
 * <p>Pure: no threads, no I/O, time passed in; the same seed and tick times give the same output.
 * Not thread-safe.
 */
public final class ClusterModel {
  private static final String DEGRADING_IB_DEVICE = "mlx5_1";
  private static final int SHOWCASE_XID = 48;

  private final List<SimulatedNode> nodes = new ArrayList<>();
  private final JobScheduler scheduler;
  private final List<JobScheduler.Transition> pending = new ArrayList<>();

  /**
   * @param nodeCount number of nodes, at least 1
   * @param seed makes the run reproducible
   * @param nowMs the simulation's start, ms since the epoch
   */
  public ClusterModel(int nodeCount, long seed, long nowMs) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least 1 node, got " + nodeCount);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int thermalNode = Math.min(2, nodeCount - 1);
    int ibNode = Math.min(4, nodeCount - 1);
    List<NodeHardware> hardware = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      NodeHardware hw = NodeHardware.standard(hostName(i));
      NodeFaults faults = NodeFaults.NONE;
      if (i == thermalNode) {
        long xidAt = nowMs + 60_000 + rng.nextInt(90_000);
        faults = faults.withThermal(xidAt, rng.nextInt(hw.gpus().size()), SHOWCASE_XID);
      }
      if (i == ibNode) {
        faults = faults.withDegradingIb(DEGRADING_IB_DEVICE);
      }
      hardware.add(hw);
      nodes.add(new SimulatedNode(hw, faults, rng.nextLong()));
    }
    scheduler = new JobScheduler(hardware, rng.split());
    startShowcase(hardware, thermalNode, nowMs);
    pending.addAll(scheduler.fill(nowMs));
  }

  /** {@code gpu-node-01}, {@code gpu-node-02}, ... */
  public static String hostName(int index) {
    return String.format("gpu-node-%02d", index + 1);
  }

  public List<String> hosts() {
    List<String> hosts = new ArrayList<>();
    for (SimulatedNode n : nodes) {
      hosts.add(n.hardware().host());
    }
    return hosts;
  }

  /** Every job holding GPUs on {@code host} now, as that node reports it. */
  public List<JobInfo> runningJobs(String host) {
    SimulatedNode node = node(host);
    List<JobInfo> jobs = new ArrayList<>();
    for (SimJob job : scheduler.jobsOn(host)) {
      jobs.add(job.toJobInfo(node.hardware()));
    }
    return jobs;
  }

  /**
   * Advances the cluster to {@code nowMs}: ends and starts jobs, then samples every node. The first
   * tick also reports the jobs that were already running when the simulation began.
   */
  public List<NodeTick> tick(long nowMs) {
    List<JobScheduler.Transition> transitions = new ArrayList<>(pending);
    pending.clear();
    transitions.addAll(scheduler.advance(nowMs));
    List<NodeTick> ticks = new ArrayList<>(nodes.size());
    for (SimulatedNode node : nodes) {
      String host = node.hardware().host();
      List<JobEvent> events = new ArrayList<>();
      for (JobScheduler.Transition t : transitions) {
        if (t.job().gpusByHost().containsKey(host)) {
          events.add(new JobEvent(t.event(), t.timeMs(), t.job().toJobInfo(node.hardware())));
        }
      }
      ticks.add(
          new NodeTick(
              host, nowMs, events, runningJobs(host), node.sample(nowMs, scheduler.jobsOn(host))));
    }
    return ticks;
  }

  /**
   * Static facts about a node for its hello, under the keys the real agent uses ({@code kernel},
   * {@code cpu_count}, {@code cpu_model}, {@code memory_total_bytes}), plus {@code simulated}.
   */
  public Map<String, String> attributes(String host) {
    NodeHardware hw = node(host).hardware();
    return Map.of(
        "simulated", "true",
        "kernel", "5.15.0-126-generic",
        // One 16-core, 32-thread CPU: the 32 logical CPUs the node reports.
        "cpu_model", "AMD EPYC 9124 16-Core Processor",
        "cpu_count", Integer.toString(hw.cpuCount()),
        "memory_total_bytes", Long.toString(hw.memTotalBytes()));
  }

  JobScheduler scheduler() {
    return scheduler;
  }

  SimulatedNode node(String host) {
    for (SimulatedNode n : nodes) {
      if (n.hardware().host().equals(host)) {
        return n;
      }
    }
    throw new IllegalArgumentException("no simulated node " + host);
  }

  List<SimulatedNode> nodes() {
    return List.copyOf(nodes);
  }

  private void startShowcase(List<NodeHardware> hw, int thermalNode, long nowMs) {
    JobCatalog catalog = scheduler.catalog();
    List<SimJob> started = new ArrayList<>();
    started.add(
        scheduler.startOn(
            catalog.draw(Workload.TRAINING, 8, minutes(40)),
            List.of(hw.get(thermalNode).host()),
            nowMs - minutes(6)));
    if (thermalNode != 0) {
      String first = hw.get(0).host();
      started.add(
          scheduler.startOn(
              catalog.draw(Workload.DATALOADER_STARVED, 4, minutes(20)),
              List.of(first),
              nowMs - minutes(4)));
      started.add(
          scheduler.startOn(
              catalog.draw(Workload.IDLE_HOLDING, 2, minutes(50)),
              List.of(first),
              nowMs - minutes(25)));
    }
    if (hw.size() >= 6) {
      started.add(
          scheduler.startOn(
              catalog.draw(Workload.TRAINING, 16, minutes(30)),
              List.of(hw.get(4).host(), hw.get(5).host()),
              nowMs - minutes(3)));
    }
    for (SimJob job : started) {
      pending.add(new JobScheduler.Transition(JobEvent.STARTED, job, job.startMs()));
    }
  }

  private static long minutes(int m) {
    return m * 60_000L;
  }
}
