package io.clusterwatch.hub.ingest;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.cluster.GpuIdleTracker;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.metrics.HubMeters;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;

/**
 * The {@code /ingest} WebSocket endpoint: one {@link IngestConnection} per agent connection, all
 * sharing the store and the registries.
 */
public final class IngestHandler {
  private final Vertx vertx;
  private final IngestSettings config;
  private final SampleStore store;
  private final AgentRegistry agents;
  private final JobRegistry jobs;
  private final GpuIdleTracker idle;
  private final HubMeters meters;
  private final Clock clock;
  private final DurableLog log;
  private final ControlMessageCodec codec = new ControlMessageCodec();

  public IngestHandler(
      Vertx vertx,
      IngestSettings config,
      SampleStore store,
      AgentRegistry agents,
      JobRegistry jobs,
      GpuIdleTracker idle,
      HubMeters meters,
      Clock clock,
      DurableLog log) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.agents = agents;
    this.jobs = jobs;
    this.idle = idle;
    this.meters = meters;
    this.clock = clock;
    this.log = log;
  }

  /** Takes over an accepted WebSocket. */
  public void handle(ServerWebSocket ws) {
    new IngestConnection(ws, this).start();
  }

  Vertx vertx() {
    return vertx;
  }

  IngestSettings config() {
    return config;
  }

  SampleStore store() {
    return store;
  }

  AgentRegistry agents() {
    return agents;
  }

  JobRegistry jobs() {
    return jobs;
  }

  GpuIdleTracker idle() {
    return idle;
  }

  HubMeters meters() {
    return meters;
  }

  Clock clock() {
    return clock;
  }

  DurableLog log() {
    return log;
  }

  ControlMessageCodec codec() {
    return codec;
  }
}
