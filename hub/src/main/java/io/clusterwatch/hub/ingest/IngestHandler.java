package io.clusterwatch.hub.ingest;

import io.clusterwatch.hub.agentauth.AgentCredentials;
import io.clusterwatch.hub.agentauth.Refusal;
import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.cluster.GpuIdleTracker;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.metrics.HubMeters;
import io.clusterwatch.hub.store.SampleStore;
import io.clusterwatch.hub.wal.DurableLog;
import io.clusterwatch.protocol.message.ControlMessageCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.SocketAddress;
import java.lang.System.Logger.Level;
import java.time.Clock;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The {@code /ingest} WebSocket endpoint: one {@link IngestConnection} per agent connection, all
 * sharing the store and the registries.
 */
public final class IngestHandler {
  private static final System.Logger LOG = System.getLogger(IngestHandler.class.getName());

  private final Vertx vertx;
  private final IngestSettings config;
  private final SampleStore store;
  private final AgentRegistry agents;
  private final JobRegistry jobs;
  private final GpuIdleTracker idle;
  private final HubMeters meters;
  private final Clock clock;
  private final DurableLog log;
  private final AgentCredentials credentials;
  private final boolean clientCertificates;
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
      DurableLog log,
      AgentCredentials credentials,
      boolean clientCertificates) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.agents = agents;
    this.jobs = jobs;
    this.idle = idle;
    this.meters = meters;
    this.clock = clock;
    this.log = log;
    this.credentials = credentials;
    this.clientCertificates = clientCertificates;
  }

  /**
   * Whether an upgrade to /ingest may go ahead: with mutual TLS, only with a client certificate
   * (the TLS handshake has verified it against the agents' CA). A refusal is logged and counted.
   */
  public boolean admits(ServerWebSocketHandshake handshake) {
    if (!clientCertificates) {
      return true;
    }
    try {
      if (!handshake.peerCertificates().isEmpty()) {
        return true;
      }
    } catch (SSLPeerUnverifiedException e) {
      // no certificate presented
    }
    refused(handshake.remoteAddress(), null, Refusal.CERTIFICATE, "no client certificate");
    return false;
  }

  /**
   * Logs and counts a refusal; the log names what was wrong, the agent is never told.
   *
   * @param host the host the agent claimed, null before its hello
   */
  void refused(SocketAddress peer, String host, Refusal reason, String detail) {
    meters.refused(reason.label());
    LOG.log(
        Level.WARNING,
        "refused agent at "
            + peer
            + (host == null ? "" : " claiming host " + host)
            + ": "
            + detail);
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

  AgentCredentials credentials() {
    return credentials;
  }

  boolean clientCertificates() {
    return clientCertificates;
  }

  ControlMessageCodec codec() {
    return codec;
  }
}
