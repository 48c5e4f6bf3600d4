package io.clusterwatch.agent.host;

import java.util.Map;

/**
 * Who this node is, read once at start-up.
 *
 * @param hostname the node name
 * @param bootId the kernel boot id, empty when unknown
 * @param attributes static facts sent in the hello: {@code kernel}, {@code cpu_count}, {@code
 *     cpu_model}, {@code memory_total_bytes} (each only when it could be read)
 */
public record HostFacts(String hostname, String bootId, Map<String, String> attributes) {
  public HostFacts {
    attributes = Map.copyOf(attributes);
  }

  /** The configured id, or host name and boot id: stable across restarts within one boot. */
  public String agentId(String configured) {
    if (configured != null && !configured.isEmpty()) {
      return configured;
    }
    return bootId.isEmpty() ? hostname : hostname + "-" + bootId;
  }
}
