package io.clusterwatch.agent.gpu.nvml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs NVML calls on one worker thread with a deadline, so that a call that hangs in the driver (a
 * GPU falling off the bus, a wedged kernel module) never blocks the sampling loop. Calls are keyed
 * (one key per GPU): while a key's earlier call is still hung, new calls for it are not started and
 * answer {@link Outcome.StillHung} at once; once it returns, the key is usable again.
 *
 * <p>One worker serves every GPU: a batch runs its calls one after another and the caller wakes
 * once, when the last is done (eight GPUs cost one hand-off per tick, not eight, and one thread
 * stack, not eight). When the deadline passes with a call still running, that call's key counts as
 * hung and the worker is given up to it (its thread ends when the call returns); the calls it had
 * not reached run on a fresh worker under a new deadline. A batch therefore takes at most one
 * timeout per key that newly hangs in it, plus one.
 */
public final class NvmlWatchdog implements AutoCloseable {
  private final Duration timeout;
  private final ThreadFactory threads = new DaemonThreads();
  private final Map<Object, Future<?>> hung = new ConcurrentHashMap<>();

  /** The worker of the next batch; replaced when a call hangs on it. Guarded by {@code this}. */
  private ExecutorService worker;

  private boolean closed;

  /**
   * @param timeout how long one batch of calls may take before the running call counts as hung
   */
  public NvmlWatchdog(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("NVML call timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /** What became of one call. */
  public sealed interface Outcome<T> {
    /** It returned a value. */
    record Done<T>(T value) implements Outcome<T> {}

    /** It threw. */
    record Failed<T>(Throwable error) implements Outcome<T> {}

    /** It did not return within the timeout and keeps running on its worker. */
    record TimedOut<T>() implements Outcome<T> {}

    /** It was not started: the key's earlier call is still hung. */
    record StillHung<T>() implements Outcome<T> {}
  }

  /** A call and the key (GPU) it belongs to. */
  public record Call<T>(Object key, Callable<T> body) {
    public Call {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(body, "body");
    }
  }

  /** One call under the deadline. */
  public <T> Outcome<T> run(Object key, Callable<T> body) {
    return runAll(List.of(new Call<>(key, body))).get(0);
  }

  /**
   * Runs the calls in order on the worker; a call whose key is hung is not started. A call still
   * running at the deadline is {@link Outcome.TimedOut} and its key hung; the calls after it run on
   * a fresh worker, so one hung GPU never keeps the others from being read.
   */
  public synchronized <T> List<Outcome<T>> runAll(List<Call<T>> calls) {
    if (closed) {
      throw new IllegalStateException("NVML watchdog is closed");
    }
    List<Outcome<T>> outcomes = new ArrayList<>(Collections.nCopies(calls.size(), null));
    List<Integer> pending = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      if (hungStill(calls.get(i).key())) {
        outcomes.set(i, new Outcome.StillHung<>());
      } else {
        pending.add(i);
      }
    }
    while (!pending.isEmpty()) {
      pending = runRound(calls, pending, outcomes);
    }
    return outcomes;
  }

  /** One worker, one deadline; answers the indices that must run again on a fresh worker. */
  private <T> List<Integer> runRound(
      List<Call<T>> calls, List<Integer> pending, List<Outcome<T>> outcomes) {
    if (worker == null) {
      worker = Executors.newSingleThreadExecutor(threads);
    }
    List<Task<T>> tasks = new ArrayList<>(pending.size());
    for (int i : pending) {
      Task<T> task = new Task<>(calls.get(i).body());
      tasks.add(task);
      worker.execute(task);
    }
    boolean interrupted =
        !awaitUntil(tasks.get(tasks.size() - 1), System.nanoTime() + timeout.toNanos());
    List<Integer> again = new ArrayList<>();
    boolean stuck = false;
    for (int j = 0; j < tasks.size(); j++) {
      Task<T> task = tasks.get(j);
      int i = pending.get(j);
      if (task.isDone()) {
        outcomes.set(i, outcomeOf(task));
      } else if (task.started || !task.cancel(false)) {
        // Running at the deadline (or started just as it passed): this key is hung.
        hung.put(calls.get(i).key(), task);
        outcomes.set(i, new Outcome.TimedOut<>());
        stuck = true;
      } else {
        again.add(i);
      }
    }
    if (stuck) {
      worker.shutdown(); // its thread ends once the hung call returns
      worker = null;
    }
    if (!stuck || interrupted) {
      // Not reached within the timeout although nothing hung (a starved machine), or the caller
      // was interrupted: timed out this time, tried again at the next batch.
      for (int i : again) {
        outcomes.set(i, new Outcome.TimedOut<>());
      }
      return List.of();
    }
    return again;
  }

  /** Waits for the task until the deadline; false when the caller was interrupted. */
  private static boolean awaitUntil(Future<?> task, long deadline) {
    try {
      task.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // looked at per task by the caller
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  private static <T> Outcome<T> outcomeOf(Task<T> done) {
    try {
      return new Outcome.Done<>(done.get());
    } catch (ExecutionException e) {
      return new Outcome.Failed<>(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // cannot happen: the task is done
      return new Outcome.TimedOut<>();
    }
  }

  /** A call that says whether the worker has started it. */
  private static final class Task<T> extends FutureTask<T> {
    volatile boolean started;

    Task(Callable<T> body) {
      super(body);
    }

    @Override
    public void run() {
      started = true;
      super.run();
    }
  }

  private boolean hungStill(Object key) {
    Future<?> previous = hung.get(key);
    if (previous == null) {
      return false;
    }
    if (previous.isDone()) {
      hung.remove(key, previous);
      return false;
    }
    return true;
  }

  /** True while the key's last call has not returned; for tests and health reporting. */
  public boolean isHung(Object key) {
    return hungStill(key);
  }

  /** Waits up to {@code wait} for the key's hung call to return; true when none is hung now. */
  public boolean awaitRecovery(Object key, Duration wait) throws InterruptedException {
    Future<?> previous = hung.get(key);
    if (previous == null) {
      return true;
    }
    try {
      previous.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      // it returned, with an error: recovered all the same
    } catch (TimeoutException e) {
      return false;
    }
    return !hungStill(key);
  }

  /** Stops the worker; a call hung in native code keeps its (daemon) thread until it returns. */
  @Override
  public synchronized void close() {
    closed = true;
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread thread = new Thread(r, "nvml-call-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
