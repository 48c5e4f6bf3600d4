package io.clusterwatch.hub.agentauth;

/**
 * Why an agent was refused, coarse enough for a metric label and for the hub's log. The agent is
 * told none of it.
 */
public enum Refusal {
  /** No token, or one that is neither the shared token nor in the tokens file. */
  TOKEN("token"),
  /** A per-node token whose host glob does not match the host the agent claims. */
  HOST("host"),
  /** No client certificate, or one naming another host than the agent claims. */
  CERTIFICATE("certificate");

  private final String label;

  Refusal(String label) {
    this.label = label;
  }

  /** The {@code reason} label value. */
  public String label() {
    return label;
  }
}
