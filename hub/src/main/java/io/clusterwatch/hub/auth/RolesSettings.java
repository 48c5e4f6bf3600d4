package io.clusterwatch.hub.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code roles}: who sees what once logged in. A name is a login name; {@code @name} is a group
 * from LDAP, OpenID Connect or the proxy's groups header. Everyone else who logged in is a
 * participant and sees their own jobs.
 *
 * @param operators users and {@code @groups} who see everything, /metrics and node health included
 * @param instructors per user or {@code @group}, the Slurm accounts (or Kubernetes namespaces)
 *     whose jobs and idle board they see, besides their own jobs
 */
public record RolesSettings(List<String> operators, Map<String, List<String>> instructors) {
  public RolesSettings {
    operators = List.copyOf(Objects.requireNonNullElse(operators, List.of()));
    Map<String, List<String>> copy = new TreeMap<>();
    Objects.requireNonNullElse(instructors, Map.<String, List<String>>of())
        .forEach(
            (who, accounts) -> copy.put(who, List.copyOf(accounts == null ? List.of() : accounts)));
    instructors = Map.copyOf(copy);
  }

  /** No operators, no instructors. */
  public static RolesSettings defaults() {
    return new RolesSettings(null, null);
  }
}
