package io.clusterwatch.agent.collect;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs every collector once per tick, one after the other on the scheduler's thread, at a fixed
 * rate aligned to the interval (a 1 s interval ticks on whole seconds of the injected clock). Times
 * each collector and records its success; one failing collector never stops the others. Each tick's
 * samples, with {@code agent_collector_duration_seconds{collector}} and {@code
 * agent_collector_success{collector}}, go to every listener as one {@link Tick}.
 */
public final class CollectorRunner implements AutoCloseable {
  public static final String DURATION_METRIC = "agent_collector_duration_seconds";
  public static final String SUCCESS_METRIC = "agent_collector_success";

  private final List<Collector> collectors;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final System.Logger log;
  private final List<TickListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Supplier<List<Sample>>> extraSources = new CopyOnWriteArrayList<>();

  /** Per collector: did its last run fail? Failures are logged when they start and end only. */
  private final boolean[] failing;

  /**
   * Per collector: {@code {collector="name"}}, made once so every tick's health series share it.
   */
  private final Labels[] healthLabels;

  private ScheduledFuture<?> schedule;

  public CollectorRunner(
      List<Collector> collectors,
      Clock clock,
      LongSupplier nanoTime,
      ScheduledExecutorService scheduler,
      Duration interval,
      System.Logger log) {
    this.collectors = List.copyOf(collectors);
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.scheduler = scheduler;
    this.interval = interval;
    this.log = log;
    this.failing = new boolean[this.collectors.size()];
    this.healthLabels = new Labels[this.collectors.size()];
    for (int i = 0; i < healthLabels.length; i++) {
      healthLabels[i] = Labels.of("collector", this.collectors.get(i).name());
    }
  }

  public void addListener(TickListener listener) {
    listeners.add(listener);
  }

  /** Samples added to every tick from outside the collectors (the shipper's own counters). */
  public void addSampleSource(Supplier<List<Sample>> source) {
    extraSources.add(source);
  }

  public List<Collector> collectors() {
    return collectors;
  }

  /** Starts ticking on the next multiple of the interval. */
  public synchronized void start() {
    if (schedule != null) {
      return;
    }
    long period = interval.toMillis();
    long delay = period - Math.floorMod(clock.millis(), period);
    schedule =
        scheduler.scheduleAtFixedRate(this::tickSafely, delay, period, TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      // A throwing task would silently cancel the fixed-rate schedule; keep ticking instead.
      log.log(System.Logger.Level.ERROR, "tick failed", e);
    }
  }

  /** Runs every collector once, hands the tick to the listeners and returns it. */
  public Tick tick() {
    long timestampMs = clock.millis();
    List<Sample> samples = new ArrayList<>();
    List<Sample> health = new ArrayList<>(2 * collectors.size());
    for (int i = 0; i < collectors.size(); i++) {
      Collector c = collectors.get(i);
      long start = nanoTime.getAsLong();
      boolean ok;
      try {
        samples.addAll(c.collect());
        ok = true;
        if (failing[i]) {
          log.log(System.Logger.Level.INFO, "collector " + c.name() + " works again");
        }
      } catch (Exception | LinkageError e) {
        ok = false;
        log.log(
            failing[i] ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
            "collector " + c.name() + " failed: " + e);
      }
      failing[i] = !ok;
      double seconds = (nanoTime.getAsLong() - start) / 1e9;
      Labels labels = healthLabels[i];
      health.add(Sample.gauge(DURATION_METRIC, labels, seconds));
      health.add(Sample.gauge(SUCCESS_METRIC, labels, ok ? 1 : 0));
    }
    samples.addAll(health);
    for (Supplier<List<Sample>> source : extraSources) {
      try {
        samples.addAll(source.get());
      } catch (RuntimeException e) {
        log.log(System.Logger.Level.WARNING, "sample source failed: " + e);
      }
    }
    Tick tick = new Tick(timestampMs, samples);
    for (TickListener l : listeners) {
      try {
        l.onTick(tick);
      } catch (RuntimeException e) {
        log.log(System.Logger.Level.WARNING, "tick listener failed", e);
      }
    }
    return tick;
  }

  /** Stops ticking and closes every collector. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
    for (Collector c : collectors) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.log(System.Logger.Level.WARNING, "closing collector " + c.name() + " failed", e);
      }
    }
  }
}
