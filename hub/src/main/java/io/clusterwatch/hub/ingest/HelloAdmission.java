package io.clusterwatch.hub.ingest;

import io.clusterwatch.hub.agentauth.HostCertificate;
import io.clusterwatch.hub.agentauth.Refusal;
import io.clusterwatch.hub.agents.AgentConnection;
import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.agents.AgentState;
import io.clusterwatch.protocol.ProtocolVersion;
import io.clusterwatch.protocol.SeriesTable;
import io.clusterwatch.protocol.message.Hello;
import io.vertx.core.http.ServerWebSocket;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Decides whether an agent's hello opens its connection: the protocol version, the hello's fields,
 * its credentials (token, and with mutual TLS the client certificate's host), the size of its
 * series table, and its claim on the host in the agent registry.
 */
final class HelloAdmission {
  /** The one error code of every credential refusal: it never says which part was wrong. */
  static final String UNAUTHORIZED = "unauthorized";

  /**
   * What became of a hello: the host's state when admitted, else the error code and message the
   * agent is told.
   */
  record Outcome(AgentState state, String code, String message) {
    static Outcome refused(String code, String message) {
      return new Outcome(null, code, message);
    }

    boolean admitted() {
      return state != null;
    }
  }

  private final ServerWebSocket ws;
  private final IngestHandler hub;

  HelloAdmission(ServerWebSocket ws, IngestHandler hub) {
    this.ws = ws;
    this.hub = hub;
  }

  /** Checks {@code hello} and, when it passes, claims its host for {@code connection}. */
  Outcome admit(Hello hello, AgentConnection connection) {
    if (hello.protocol() != ProtocolVersion.CURRENT) {
      return Outcome.refused(
          "unsupported_version",
          "protocol version "
              + hello.protocol()
              + " is not supported; this hub speaks "
              + ProtocolVersion.CURRENT);
    }
    String problem = HelloChecks.problem(hello);
    if (problem != null) {
      return Outcome.refused("bad_hello", problem);
    }
    if (!authorized(hello)) {
      return Outcome.refused(UNAUTHORIZED, "the hub does not accept this agent's credentials");
    }
    String tooMany = tableTooLarge(hello.table());
    if (tooMany != null) {
      return Outcome.refused("too_many_series", tooMany);
    }
    AgentRegistry.Claim claim =
        hub.agents()
            .claim(
                new AgentRegistry.AgentHello(
                    hello.host(),
                    hello.agentId(),
                    hello.bootId(),
                    hello.agentVersion(),
                    hello.intervalMs(),
                    hello.lastAckedSeq(),
                    hello.attributes()),
                connection);
    if (!claim.granted()) {
      String why =
          claim.refusal() == AgentRegistry.Refusal.HOST_HELD
              ? "host "
                  + hello.host()
                  + " is held by agent "
                  + claim.holderAgentId()
                  + " on another live connection"
              : "the hub already tracks its maximum of " + hub.config().maxAgents() + " hosts";
      return Outcome.refused(claim.refusal().code(), why);
    }
    return new Outcome(claim.state(), null, null);
  }

  /**
   * Why {@code table} is refused ({@code too_many_series}), or null when it is within the limit per
   * agent; checked for the hello's table and for every schema change.
   */
  String tableTooLarge(SeriesTable table) {
    if (table.size() > hub.config().maxSeriesPerAgent()) {
      return "series table has "
          + table.size()
          + " series; the limit per agent is "
          + hub.config().maxSeriesPerAgent();
    }
    return null;
  }

  /**
   * The hello's token may claim its host, and with mutual TLS the client certificate names it; else
   * the refusal is logged with what was wrong and the agent hears only that it was refused.
   */
  private boolean authorized(Hello hello) {
    Refusal refusal = hub.credentials().check(hello.token(), hello.host());
    String detail =
        refusal == Refusal.TOKEN
            ? "token missing or unknown"
            : "token not valid for this host (tokens_file)";
    if (refusal == null && hub.clientCertificates() && !certificateNames(hello.host())) {
      refusal = Refusal.CERTIFICATE;
      detail = "client certificate does not name this host";
    }
    if (refusal == null) {
      return true;
    }
    hub.refused(ws.remoteAddress(), hello.host(), refusal, detail);
    return false;
  }

  private boolean certificateNames(String host) {
    try {
      return HostCertificate.names(ws.peerCertificates(), host);
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }
}
