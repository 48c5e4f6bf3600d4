package io.clusterwatch.agent.ship;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduler whose immediate tasks run on a real executor but whose delayed tasks wait until the
 * test runs them, so that a test decides when a timeout is due, down to the moment between a pool
 * thread taking the task up and the task's body running.
 */
final class HeldTimerScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  /** A delayed task held for the test. */
  static final class Timer implements ScheduledFuture<Object> {
    private final Runnable command;
    private final long delayMs;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private boolean cancelled;
    private boolean started;

    private Timer(Runnable command, long delayMs) {
      this.command = command;
      this.delayMs = delayMs;
    }

    /** The delay the owner asked for. */
    long delayMs() {
      return delayMs;
    }

    /**
     * The task is due and a pool thread takes it up. From here on a cancel no longer stops it, as
     * with {@link java.util.concurrent.FutureTask}: {@code cancel(false)} on a running task reports
     * success but the body runs to its end.
     */
    synchronized void begin() {
      if (cancelled) {
        throw new AssertionError("the timer was cancelled before it was due");
      }
      started = true;
    }

    /** The body of a task that {@link #begin}s ran, on the calling thread. */
    void finish() {
      synchronized (this) {
        if (!started) {
          throw new AssertionError("finish() without begin()");
        }
      }
      try {
        command.run();
        outcome.complete(null);
      } catch (RuntimeException e) {
        outcome.completeExceptionally(e);
        throw e;
      }
    }

    @Override
    public synchronized boolean cancel(boolean mayInterruptIfRunning) {
      if (outcome.isDone()) {
        return false;
      }
      cancelled = true;
      return true;
    }

    @Override
    public synchronized boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return isCancelled() || outcome.isDone();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      return outcome.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return outcome.get(timeout, unit);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
    }
  }

  private final ExecutorService immediate;
  private final BlockingQueue<Timer> scheduled = new LinkedBlockingQueue<>();

  /** Runs immediate tasks on {@code immediate}, which the caller owns and shuts down. */
  HeldTimerScheduler(ExecutorService immediate) {
    this.immediate = immediate;
  }

  /** The next delayed task scheduled (in scheduling order), waiting up to {@code timeout}. */
  Timer nextTimer(Duration timeout) throws InterruptedException {
    Timer timer = scheduled.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (timer == null) {
      throw new AssertionError("nothing was scheduled within " + timeout);
    }
    return timer;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    if (immediate.isShutdown()) {
      throw new RejectedExecutionException("HeldTimerScheduler is shut down");
    }
    Timer timer = new Timer(command, unit.toMillis(delay));
    scheduled.add(timer);
    return timer;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("HeldTimerScheduler holds Runnable timers only");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("HeldTimerScheduler holds one-shot timers only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("HeldTimerScheduler holds one-shot timers only");
  }

  @Override
  public void execute(Runnable command) {
    immediate.execute(command);
  }

  @Override
  public void shutdown() {
    immediate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return immediate.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return immediate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return immediate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return immediate.awaitTermination(timeout, unit);
  }
}
