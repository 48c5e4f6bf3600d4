package io.clusterwatch.hub.metrics;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.store.SampleStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's own meters. Names are dotted Micrometer names; the Prometheus naming convention turns
 * {@code clusterwatch.hub.ingest.frames} into {@code clusterwatch_hub_ingest_frames_total}.
 */
public final class HubMeters {
  private final MeterRegistry registry;
  private final Counter framesStored;
  private final Counter framesDuplicate;
  private final Counter framesRefused;
  private final Counter samples;
  private final Counter liveSkipped;
  private final Counter liveMessages;
  private final Counter jobConflicts;
  private final Timer liveLatency;
  private final AtomicInteger liveClients = new AtomicInteger();
  private final AtomicInteger httpConnections = new AtomicInteger();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> refused = new ConcurrentHashMap<>();

  public HubMeters(MeterRegistry registry, AgentRegistry agents, SampleStore store) {
    this.registry = registry;
    framesStored = frames("stored");
    framesDuplicate = frames("duplicate");
    framesRefused = frames("refused");
    samples =
        Counter.builder("clusterwatch.hub.ingest.samples")
            .description("Values received in stored data frames")
            .register(registry);
    liveSkipped =
        Counter.builder("clusterwatch.hub.live.skipped.ticks")
            .description("Live deltas not sent because the client had not drained the previous one")
            .register(registry);
    liveMessages =
        Counter.builder("clusterwatch.hub.live.messages")
            .description("Snapshots and deltas sent to live clients")
            .register(registry);
    jobConflicts =
        Counter.builder("clusterwatch.hub.job.conflicts")
            .description(
                "Job reports refused because the job runs on other hosts under another user,"
                    + " account or namespace; once per job and reporting host")
            .register(registry);
    liveLatency =
        Timer.builder("clusterwatch.hub.live.latency")
            .description("Agent timestamp of the newest sample to the hub sending it to a browser")
            .publishPercentiles(0.5, 0.99)
            .distributionStatisticExpiry(Duration.ofMinutes(1))
            .register(registry);
    Gauge.builder("clusterwatch.hub.agents.connected", agents, AgentRegistry::connectedCount)
        .description("Agents with an open ingest connection")
        .register(registry);
    Gauge.builder("clusterwatch.hub.http.connections", httpConnections, AtomicInteger::get)
        .description("Open HTTP connections on the hub's port (browsers, agents, Prometheus)")
        .register(registry);
    Gauge.builder("clusterwatch.hub.live.clients", liveClients, AtomicInteger::get)
        .description("Open /live connections")
        .register(registry);
    Gauge.builder("clusterwatch.hub.store.size", store, s -> s.stats().bytes())
        .description("Memory held by the sample store, all-in")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("clusterwatch.hub.store.samples", store, s -> s.stats().samples())
        .description("Values held by the sample store across all tiers")
        .register(registry);
    Gauge.builder("clusterwatch.hub.store.series", store, s -> s.stats().series())
        .description("Series held by the sample store")
        .register(registry);
  }

  /** An HTTP connection was accepted on the hub's port. */
  public void httpConnectionOpened() {
    httpConnections.incrementAndGet();
  }

  /** An HTTP connection on the hub's port closed. */
  public void httpConnectionClosed() {
    httpConnections.decrementAndGet();
  }

  private Counter frames(String result) {
    return Counter.builder("clusterwatch.hub.ingest.frames")
        .description("Data frames received, by what happened to them")
        .tag("result", result)
        .register(registry);
  }

  public void frameStored(int values) {
    framesStored.increment();
    samples.increment(values);
  }

  public void frameDuplicate() {
    framesDuplicate.increment();
  }

  public void frameRefused() {
    framesRefused.increment();
  }

  /** An ingest connection closed for bad input; {@code code} is the error code sent. */
  public void rejected(String code) {
    rejected
        .computeIfAbsent(
            code,
            c ->
                Counter.builder("clusterwatch.hub.ingest.rejected")
                    .description("Ingest connections closed with an error, by error code")
                    .tag("code", c)
                    .register(registry))
        .increment();
  }

  /** A host's report of a job was refused: the job runs elsewhere under another identity. */
  public void jobConflict() {
    jobConflicts.increment();
  }

  public double jobConflictsCount() {
    return jobConflicts.count();
  }

  /**
   * An agent was refused for its credentials; {@code reason} is coarse ({@code token}, {@code
   * host}, {@code certificate}).
   */
  public void refused(String reason) {
    refused
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("clusterwatch.hub.ingest.refused")
                    .description(
                        "Agents refused for their credentials (token, host claimed, certificate)")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  public void liveClientOpened() {
    liveClients.incrementAndGet();
  }

  public void liveClientClosed() {
    liveClients.decrementAndGet();
  }

  public void liveSkipped() {
    liveSkipped.increment();
  }

  public void liveSent(long latencyMs) {
    liveMessages.increment();
    if (latencyMs >= 0) {
      liveLatency.record(latencyMs, TimeUnit.MILLISECONDS);
    }
  }

  public void liveSnapshotSent() {
    liveMessages.increment();
  }

  public double framesStoredCount() {
    return framesStored.count();
  }

  public double samplesCount() {
    return samples.count();
  }

  public double liveSkippedCount() {
    return liveSkipped.count();
  }

  public Timer liveLatency() {
    return liveLatency;
  }
}
