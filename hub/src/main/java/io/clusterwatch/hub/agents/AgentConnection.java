package io.clusterwatch.hub.agents;

/** The side of an ingest connection the registry needs: a way to drop it. */
public interface AgentConnection {
  /** Closes the connection because another connection of the same agent took its place. */
  void replaced();
}
