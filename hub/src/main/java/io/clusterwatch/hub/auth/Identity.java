package io.clusterwatch.hub.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who logged in, as the login method established it: the login name (compared with a job's user)
 * and the groups the directory or identity provider lists (matched by {@code @group} entries of
 * {@code roles:}).
 *
 * @param user the login name, never empty
 * @param groups group names without the {@code @}
 */
public record Identity(String user, Set<String> groups) {
  public Identity {
    Objects.requireNonNull(user, "user");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("an identity needs a user name");
    }
    groups = Set.copyOf(Objects.requireNonNullElse(groups, Set.of()));
  }
}
