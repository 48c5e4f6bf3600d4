package io.clusterwatch.simulator.cluster;

import io.clusterwatch.protocol.message.JobEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Places simulated jobs on GPUs the way a Slurm cluster with a {@code gpu} partition would: whole
 * GPUs, single-node jobs packed onto the fullest node they fit (best fit), 16-GPU jobs on two empty
 * nodes. Jobs arrive at random, more often while the cluster is below its target allocation, and
 * end at their planned time. Not thread-safe: one thread advances it.
 */
final class JobScheduler {
  /** Mean GPUs per request and GPU-weighted mean run time of {@link JobCatalog}'s mix. */
  private static final double MEAN_GPUS = 4.1;

  private static final double MEAN_RUN_SECONDS = 1440;
  private static final double MAX_ALLOCATION = 0.92;

  /** A job started or ended at {@code timeMs}. */
  record Transition(String event, SimJob job, long timeMs) {}

  private final List<NodeHardware> nodes;
  private final Map<String, SimJob[]> slots = new LinkedHashMap<>();
  private final List<SimJob> running = new ArrayList<>();
  private final SplittableRandom rng;
  private final JobCatalog catalog;
  private final double targetAllocation;
  private final double arrivalsPerSecond;
  private long nextJobId;
  private long lastMs = Long.MIN_VALUE;

  JobScheduler(List<NodeHardware> nodes, SplittableRandom rng) {
    this.nodes = List.copyOf(nodes);
    this.rng = rng;
    this.catalog = new JobCatalog(rng.split());
    for (NodeHardware n : nodes) {
      slots.put(n.host(), new SimJob[n.gpus().size()]);
    }
    this.targetAllocation = 0.72 + 0.1 * rng.nextDouble();
    this.arrivalsPerSecond = totalGpus() * targetAllocation / (MEAN_GPUS * MEAN_RUN_SECONDS);
    this.nextJobId = 480_000 + rng.nextInt(20_000);
  }

  JobCatalog catalog() {
    return catalog;
  }

  double targetAllocation() {
    return targetAllocation;
  }

  /** Starts a job on exactly these hosts (the lowest free GPUs of each), or returns null. */
  SimJob startOn(JobRequest request, List<String> hosts, long startMs) {
    int perHost = request.gpus() / hosts.size();
    Map<String, List<Integer>> placement = new LinkedHashMap<>();
    for (String host : hosts) {
      List<Integer> free = freeGpus(host);
      if (free.size() < perHost) {
        return null;
      }
      placement.put(host, free.subList(0, perHost));
    }
    return start(request, placement, startMs);
  }

  /**
   * Fills the cluster up to its target allocation with jobs that started some time before {@code
   * nowMs}, as if the simulator joined a cluster that had been running for a while.
   */
  List<Transition> fill(long nowMs) {
    List<Transition> started = new ArrayList<>();
    int target = (int) Math.floor(totalGpus() * targetAllocation);
    for (int attempt = 0; attempt < 400 && allocatedGpus() < target; attempt++) {
      JobRequest request = catalog.draw();
      if (allocatedGpus() + request.gpus() > target) {
        continue;
      }
      long elapsed = (long) (request.durationMs() * (0.05 + 0.85 * rng.nextDouble()));
      Map<String, List<Integer>> placement = place(request.gpus());
      if (placement != null) {
        SimJob job = start(request, placement, nowMs - elapsed);
        started.add(new Transition(JobEvent.STARTED, job, job.startMs()));
      }
    }
    lastMs = nowMs;
    return started;
  }

  /** Ends the jobs whose time is up and starts newly arrived ones. */
  List<Transition> advance(long nowMs) {
    List<Transition> transitions = new ArrayList<>();
    for (Iterator<SimJob> it = running.iterator(); it.hasNext(); ) {
      SimJob job = it.next();
      if (job.endMs() <= nowMs) {
        it.remove();
        release(job);
        transitions.add(new Transition(JobEvent.ENDED, job, job.endMs()));
      }
    }
    double dtSeconds = lastMs == Long.MIN_VALUE ? 0 : Math.max(0, (nowMs - lastMs) / 1000.0);
    lastMs = nowMs;
    double boost = allocatedGpus() < totalGpus() * targetAllocation ? 3.0 : 0.3;
    double probability = 1 - Math.exp(-arrivalsPerSecond * boost * dtSeconds);
    if (rng.nextDouble() < probability) {
      JobRequest request = catalog.draw();
      Map<String, List<Integer>> placement =
          allocatedGpus() + request.gpus() <= totalGpus() * MAX_ALLOCATION
              ? place(request.gpus())
              : null;
      if (placement != null) {
        SimJob job = start(request, placement, nowMs);
        transitions.add(new Transition(JobEvent.STARTED, job, nowMs));
      }
    }
    return transitions;
  }

  List<SimJob> running() {
    return List.copyOf(running);
  }

  /** The running jobs holding GPUs on this host. */
  List<SimJob> jobsOn(String host) {
    List<SimJob> jobs = new ArrayList<>();
    for (SimJob job : running) {
      if (job.gpusByHost().containsKey(host)) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  int totalGpus() {
    int total = 0;
    for (SimJob[] s : slots.values()) {
      total += s.length;
    }
    return total;
  }

  int allocatedGpus() {
    int allocated = 0;
    for (SimJob job : running) {
      allocated += job.gpuCount();
    }
    return allocated;
  }

  private SimJob start(JobRequest r, Map<String, List<Integer>> placement, long startMs) {
    SimJob job =
        new SimJob(
            Long.toString(nextJobId++),
            r.user(),
            r.name(),
            r.account(),
            r.workload(),
            startMs,
            startMs + r.durationMs(),
            placement,
            r.traits());
    placement.forEach((host, gpus) -> gpus.forEach(g -> slots.get(host)[g] = job));
    running.add(job);
    return job;
  }

  private void release(SimJob job) {
    job.gpusByHost().forEach((host, gpus) -> gpus.forEach(g -> slots.get(host)[g] = null));
  }

  private Map<String, List<Integer>> place(int gpus) {
    int perNode = nodes.get(0).gpus().size();
    if (gpus > perNode) {
      return placeOnEmptyNodes((gpus + perNode - 1) / perNode, perNode);
    }
    String best = null;
    int bestFree = Integer.MAX_VALUE;
    int ties = 0;
    for (NodeHardware n : nodes) {
      int free = freeGpus(n.host()).size();
      if (free < gpus || free > bestFree) {
        continue;
      }
      if (free < bestFree) {
        best = n.host();
        bestFree = free;
        ties = 1;
      } else if (rng.nextInt(++ties) == 0) {
        best = n.host();
      }
    }
    if (best == null) {
      return null;
    }
    Map<String, List<Integer>> placement = new LinkedHashMap<>();
    placement.put(best, freeGpus(best).subList(0, gpus));
    return placement;
  }

  private Map<String, List<Integer>> placeOnEmptyNodes(int count, int perNode) {
    List<String> empty = new ArrayList<>();
    for (NodeHardware n : nodes) {
      if (freeGpus(n.host()).size() == perNode) {
        empty.add(n.host());
      }
    }
    if (empty.size() < count) {
      return null;
    }
    int first = rng.nextInt(empty.size() - count + 1);
    Map<String, List<Integer>> placement = new LinkedHashMap<>();
    for (String host : empty.subList(first, first + count)) {
      placement.put(host, freeGpus(host));
    }
    return placement;
  }

  private List<Integer> freeGpus(String host) {
    SimJob[] s = slots.get(host);
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (s[i] == null) {
        free.add(i);
      }
    }
    return free;
  }
}
