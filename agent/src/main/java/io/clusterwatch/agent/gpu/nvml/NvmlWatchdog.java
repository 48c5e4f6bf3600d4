package io.clusterwatch.agent.gpu.nvml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs NVML calls on worker threads with a deadline, so that a call that hangs in the driver (a GPU
 * falling off the bus, a wedged kernel module) never blocks the sampling loop. Calls are keyed (one
 * key per GPU): while a key's earlier call is still hung, new calls for it are not started and
 * answer {@link Outcome.StillHung} at once; once it returns, the key is usable again.
 */
public final class NvmlWatchdog implements AutoCloseable {
  private final Duration timeout;
  private final ExecutorService executor;
  private final Map<Object, Future<?>> hung = new ConcurrentHashMap<>();

  /** @param timeout how long one batch of calls may take before its keys count as hung */
  public NvmlWatchdog(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("NVML call timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    this.executor = Executors.newCachedThreadPool(new DaemonThreads());
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
   * Starts every call at once (each on its own worker) and waits for all of them until one common
   * deadline, so the whole batch takes at most one timeout however many keys hang.
   */
  public <T> List<Outcome<T>> runAll(List<Call<T>> calls) {
    List<Future<T>> futures = new ArrayList<>(calls.size());
    for (Call<T> call : calls) {
      futures.add(hungStill(call.key()) ? null : executor.submit(call.body()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Outcome<T>> outcomes = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      Future<T> future = futures.get(i);
      if (future == null) {
        outcomes.add(new Outcome.StillHung<>());
        continue;
      }
      outcomes.add(await(calls.get(i).key(), future, deadline));
    }
    return outcomes;
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

  private <T> Outcome<T> await(Object key, Future<T> future, long deadline) {
    try {
      long left = Math.max(0L, deadline - System.nanoTime());
      return new Outcome.Done<>(future.get(left, TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      hung.put(key, future);
      return new Outcome.TimedOut<>();
    } catch (ExecutionException e) {
      return new Outcome.Failed<>(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hung.put(key, future);
      return new Outcome.TimedOut<>();
    }
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

  /** Stops the workers; a call hung in native code keeps its (daemon) thread until it returns. */
  @Override
  public void close() {
    executor.shutdownNow();
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
