package io.clusterwatch.hub.agents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents by host: who holds each host, and its connection facts. A host belongs to one live
 * connection at a time. The same agent id reconnecting replaces its old (possibly half-open)
 * connection; a different agent id is turned away while the holder is connected and not stale.
 */
public final class AgentRegistry {
  /** Why a claim failed, with the error code sent to the agent. */
  public enum Refusal {
    HOST_HELD("host_in_use"),
    TOO_MANY_AGENTS("too_many_agents");

    private final String code;

    Refusal(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** The result of a claim: the state now held, or why not. */
  public record Claim(AgentState state, Refusal refusal, String holderAgentId) {
    public boolean granted() {
      return refusal == null;
    }
  }

  /** Identity facts of a hello. */
  public record AgentHello(
      String host,
      String agentId,
      String bootId,
      String version,
      long intervalMs,
      long lastAckedSeq,
      Map<String, String> attributes) {}

  private final Clock clock;
  private final int staleAfterIntervals;
  private final int maxAgents;
  private final Map<String, AgentState> byHost = new ConcurrentHashMap<>();

  public AgentRegistry(Clock clock, int staleAfterIntervals, int maxAgents) {
    this.clock = clock;
    this.staleAfterIntervals = staleAfterIntervals;
    this.maxAgents = maxAgents;
  }

  /**
   * Gives {@code hello.host()} to {@code connection}, replacing a connection of the same agent id.
   * When the agent id changes, or the agent restarted (it acknowledges nothing yet), the stored
   * sequence starts again at 0.
   */
  public synchronized Claim claim(AgentHello hello, AgentConnection connection) {
    long now = clock.millis();
    AgentState state = byHost.get(hello.host());
    if (state == null) {
      if (byHost.size() >= maxAgents) {
        return new Claim(null, Refusal.TOO_MANY_AGENTS, "");
      }
      state = new AgentState(hello.host());
      byHost.put(hello.host(), state);
    }
    boolean sameAgent = state.agentId.equals(hello.agentId());
    if (state.connected && !sameAgent && !state.isStale(now, staleAfterIntervals)) {
      return new Claim(null, Refusal.HOST_HELD, state.agentId);
    }
    AgentConnection old = state.connection;
    if (state.connected && old != null && old != connection) {
      old.replaced();
    }
    if (!sameAgent || hello.lastAckedSeq() == 0) {
      // A new agent, or a restarted one whose sequence starts over; frames it already sent are
      // still recognised by their timestamps (see the ingest handler).
      state.lastSeq = 0;
    } else {
      state.resumes = state.resumes + 1;
    }
    state.agentId = hello.agentId();
    state.bootId = hello.bootId();
    state.version = hello.version();
    state.attributes = Map.copyOf(hello.attributes());
    state.intervalMs = hello.intervalMs();
    state.connection = connection;
    state.connected = true;
    state.connectedSinceMs = now;
    state.tableChanged();
    return new Claim(state, null, "");
  }

  /**
   * Replays a hello from the write-ahead log after a restart: the host becomes known (not
   * connected) with the agent id, and its stored sequence follows the same rule as {@link #claim}.
   */
  public synchronized AgentState restore(String host, String agentId, long lastAckedSeq) {
    AgentState state = byHost.computeIfAbsent(host, AgentState::new);
    if (!state.agentId.equals(agentId) || lastAckedSeq == 0) {
      state.lastSeq = 0;
    }
    state.agentId = agentId;
    return state;
  }

  /** The connection closed; the host stays known but is no longer connected. */
  public synchronized void release(String host, AgentConnection connection) {
    AgentState state = byHost.get(host);
    if (state != null && state.connection == connection) {
      state.connected = false;
      state.connection = null;
    }
  }

  public Optional<AgentState> get(String host) {
    return Optional.ofNullable(byHost.get(host));
  }

  public Collection<AgentState> all() {
    return byHost.values();
  }

  public List<String> hosts() {
    List<String> hosts = new ArrayList<>(byHost.keySet());
    hosts.sort(null);
    return hosts;
  }

  public int connectedCount() {
    int n = 0;
    for (AgentState s : byHost.values()) {
      if (s.connected) {
        n++;
      }
    }
    return n;
  }

  /** Connected and heard from within the stale limit. */
  public boolean isUp(AgentState state) {
    return state.connected && !state.isStale(clock.millis(), staleAfterIntervals);
  }

  public boolean isStale(AgentState state) {
    return state.isStale(clock.millis(), staleAfterIntervals);
  }

  public synchronized void forget(String host) {
    AgentState state = byHost.get(host);
    if (state != null && !state.connected) {
      byHost.remove(host);
    }
  }
}
