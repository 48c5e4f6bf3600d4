package io.clusterwatch.hub.jobs;

import io.clusterwatch.protocol.message.JobInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Jobs and the allocation timeline (job to host + GPU UUID intervals). It does not care where jobs
 * come from: agents' job events and snapshots, the static mapping in the configuration, or a
 * scheduler later. A job runs while it holds any open allocation. Thread-safe.
 *
 * <p>Job ids are global, so one agent could name another host's job. The fields of a job (user,
 * name, attributes, source) change only through reports from the one host the job has run on. Once
 * the job holds or held allocations on other hosts (a multi-node job), its fields stand: a report
 * from a host whose {@link JobIdentity} (user, account, namespace) matches adds that host's
 * allocations, one whose identity differs is refused for that host (nothing added, nothing
 * overwritten) and reported once per job and host to the {@link #onConflict} listeners.
 */
public final class JobRegistry {
  private final int maxFinished;
  private final Map<String, Entry> jobs = new LinkedHashMap<>();

  /** Open GPU allocations by host and UUID, for "who holds this GPU now". */
  private final Map<String, Map<String, Allocation>> openGpus = new HashMap<>();

  private final Deque<String> finishedOrder = new ArrayDeque<>();

  /** Jobs from the configuration: agents' snapshots do not end them. */
  private final Set<String> pinned = new HashSet<>();

  private final List<Consumer<Job>> finishedListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<JobConflict>> conflictListeners = new CopyOnWriteArrayList<>();

  public JobRegistry(int maxFinished) {
    this.maxFinished = maxFinished;
  }

  /**
   * Calls {@code listener} with each job as it finishes (its last open allocation closes), under
   * the registry's lock: the listener must only hand the job on.
   */
  public void onFinished(Consumer<Job> listener) {
    finishedListeners.add(listener);
  }

  /**
   * Calls {@code listener} the first time a host's report of a job is refused because the job runs
   * elsewhere under another identity, under the registry's lock: the listener must only count and
   * log.
   */
  public void onConflict(Consumer<JobConflict> listener) {
    conflictListeners.add(listener);
  }

  private static final class Entry {
    String id;
    String user = "";
    String name = "";
    Map<String, String> attributes = Map.of();
    String source = "";
    long startMs;
    long endMs;
    final List<Allocation> allocations = new ArrayList<>();

    /** Hosts whose reports of this job were refused, so that each conflict is reported once. */
    final Set<String> refusedHosts = new HashSet<>();

    JobIdentity identity() {
      return JobIdentity.of(user, attributes);
    }

    /** True when the job holds or held an allocation on a host other than {@code host}. */
    boolean ranBeside(String host) {
      for (Allocation a : allocations) {
        if (!a.host().equals(host)) {
          return true;
        }
      }
      return false;
    }

    boolean running() {
      for (Allocation a : allocations) {
        if (a.isOpen()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code job} runs on {@code host} from {@code timeMs} (or its own start time when it has one),
   * holding its GPUs there; GPUs it already holds stay as they are. A job that ran on other hosts
   * keeps its fields, and a report whose identity differs from theirs is refused (see the class
   * comment).
   *
   * @return false when the report was refused for {@code host}
   */
  public synchronized boolean started(String host, JobInfo job, long timeMs) {
    Entry e = jobs.get(job.jobId());
    boolean shared = e != null && e.ranBeside(host);
    if (shared && !e.identity().equals(JobIdentity.of(job))) {
      refuse(e, host, job);
      return false;
    }
    long start = job.startMs() > 0 ? job.startMs() : timeMs;
    if (e == null) {
      e = new Entry();
      e.id = job.jobId();
      e.startMs = start;
      jobs.put(e.id, e);
    } else if (!e.running()) {
      finishedOrder.remove(e.id);
      e.endMs = 0;
    }
    if (!shared) {
      update(e, job);
    }
    e.startMs = Math.min(e.startMs, start);
    List<String> wanted = job.gpuUuids().isEmpty() ? List.of("") : job.gpuUuids();
    for (String uuid : wanted) {
      if (!holdsOpen(e, host, uuid)) {
        Allocation a = new Allocation(e.id, host, uuid, start, Allocation.OPEN);
        e.allocations.add(a);
        if (a.holdsGpu()) {
          Allocation previous = openGpus.computeIfAbsent(host, h -> new HashMap<>()).put(uuid, a);
          if (previous != null && !previous.jobId().equals(e.id)) {
            // One GPU, one holder: a new owner ends the old owner's hold.
            closeAllocation(previous, start);
          }
        }
      }
    }
    return true;
  }

  private static void update(Entry e, JobInfo job) {
    if (!job.user().isEmpty()) {
      e.user = job.user();
    }
    if (!job.name().isEmpty()) {
      e.name = job.name();
    }
    if (!job.attributes().isEmpty()) {
      e.attributes = job.attributes();
    }
    if (!job.source().isEmpty()) {
      e.source = job.source();
    }
  }

  private void refuse(Entry e, String host, JobInfo job) {
    if (!e.refusedHosts.add(host)) {
      return;
    }
    List<String> hosts =
        e.allocations.stream()
            .map(Allocation::host)
            .distinct()
            .filter(h -> !h.equals(host))
            .toList();
    JobConflict conflict = new JobConflict(e.id, host, hosts, e.identity(), JobIdentity.of(job));
    conflictListeners.forEach(l -> l.accept(conflict));
  }

  /** A job from the configuration: like {@link #started}, but no agent snapshot ends it. */
  public synchronized void pinned(String host, JobInfo job, long timeMs) {
    if (started(host, job, timeMs)) {
      pinned.add(job.jobId());
    }
  }

  /** {@code jobId} ended on {@code host} at {@code timeMs}; it finishes once no host remains. */
  public synchronized void ended(String host, String jobId, long timeMs) {
    Entry e = jobs.get(jobId);
    if (e == null) {
      return;
    }
    for (Allocation a : List.copyOf(e.allocations)) {
      if (a.isOpen() && a.host().equals(host)) {
        closeAllocation(a, timeMs);
      }
    }
  }

  /**
   * Every job running on {@code host} at {@code timeMs}: listed jobs start (or continue), jobs of
   * this host missing from the list end now.
   */
  public synchronized void snapshot(String host, List<JobInfo> running, long timeMs) {
    Set<String> listed = new HashSet<>();
    for (JobInfo j : running) {
      listed.add(j.jobId());
      started(host, j, timeMs);
    }
    for (Entry e : List.copyOf(jobs.values())) {
      if (listed.contains(e.id) || pinned.contains(e.id)) {
        continue;
      }
      for (Allocation a : List.copyOf(e.allocations)) {
        if (a.isOpen() && a.host().equals(host)) {
          closeAllocation(a, timeMs);
        }
      }
    }
  }

  private boolean holdsOpen(Entry e, String host, String uuid) {
    for (Allocation a : e.allocations) {
      if (a.isOpen() && a.host().equals(host) && a.gpuUuid().equals(uuid)) {
        return true;
      }
    }
    return false;
  }

  private void closeAllocation(Allocation a, long timeMs) {
    Entry e = jobs.get(a.jobId());
    int i = e.allocations.indexOf(a);
    if (i < 0) {
      return;
    }
    e.allocations.set(i, a.closedAt(timeMs));
    if (a.holdsGpu()) {
      Map<String, Allocation> byUuid = openGpus.get(a.host());
      if (byUuid != null && a.equals(byUuid.get(a.gpuUuid()))) {
        byUuid.remove(a.gpuUuid());
      }
    }
    if (!e.running()) {
      e.endMs = Math.max(e.startMs, timeMs);
      finishedOrder.addLast(e.id);
      Job finished = view(e);
      finishedListeners.forEach(l -> l.accept(finished));
      while (finishedOrder.size() > maxFinished) {
        jobs.remove(finishedOrder.removeFirst());
      }
    }
  }

  public synchronized Optional<Job> get(String id) {
    Entry e = jobs.get(id);
    return e == null ? Optional.empty() : Optional.of(view(e));
  }

  /** Jobs in the given state (null: all), newest start first. */
  public synchronized List<Job> list(JobState state) {
    List<Job> out = new ArrayList<>();
    for (Entry e : jobs.values()) {
      Job j = view(e);
      if (state == null || j.state() == state) {
        out.add(j);
      }
    }
    out.sort(
        (a, b) ->
            a.startMs() != b.startMs()
                ? Long.compare(b.startMs(), a.startMs())
                : a.id().compareTo(b.id()));
    return out;
  }

  /** The job holding GPU {@code uuid} of {@code host} now, if any. */
  public synchronized Optional<Job> holder(String host, String uuid) {
    Map<String, Allocation> byUuid = openGpus.get(host);
    Allocation a = byUuid == null ? null : byUuid.get(uuid);
    return a == null ? Optional.empty() : get(a.jobId());
  }

  /** Open GPU allocations of one host by UUID (a copy). */
  public synchronized Map<String, Allocation> openGpuAllocations(String host) {
    Map<String, Allocation> byUuid = openGpus.get(host);
    return byUuid == null ? Map.of() : Map.copyOf(byUuid);
  }

  /** Every job id, for collectors that walk the registry. */
  public synchronized Collection<String> ids() {
    return List.copyOf(jobs.keySet());
  }

  private static Job view(Entry e) {
    boolean running = e.running();
    return new Job(
        e.id,
        e.user,
        e.name,
        e.attributes,
        running ? JobState.RUNNING : JobState.FINISHED,
        e.startMs,
        running ? 0 : e.endMs,
        e.source,
        List.copyOf(e.allocations));
  }
}
