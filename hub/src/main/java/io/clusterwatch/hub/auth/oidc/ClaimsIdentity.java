package io.clusterwatch.hub.auth.oidc;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who an ID token names: the login name from {@code username_claim}, the groups from {@code
 * groups_claim} (a list of names, or one name as a string; absent means no groups).
 */
final class ClaimsIdentity {
  private final String usernameClaim;
  private final String groupsClaim;

  ClaimsIdentity(String usernameClaim, String groupsClaim) {
    this.usernameClaim = usernameClaim;
    this.groupsClaim = groupsClaim;
  }

  Identity of(JsonObject claims) throws LoginRefusedException {
    Object user = claims.getValue(usernameClaim);
    if (!(user instanceof String) || ((String) user).isEmpty()) {
      throw new LoginRefusedException(
          "ID token has no '" + usernameClaim + "' claim (username_claim) with a name");
    }
    return new Identity((String) user, groups(claims.getValue(groupsClaim)));
  }

  private Set<String> groups(Object claim) throws LoginRefusedException {
    Set<String> groups = new LinkedHashSet<>();
    if (claim == null) {
      return groups;
    }
    if (claim instanceof String) {
      addName(groups, (String) claim);
      return groups;
    }
    if (!(claim instanceof JsonArray)) {
      throw new LoginRefusedException(
          "ID token claim '"
              + groupsClaim
              + "' (groups_claim) is neither a list nor a string: "
              + claim);
    }
    for (Object g : (JsonArray) claim) {
      if (!(g instanceof String)) {
        throw new LoginRefusedException(
            "ID token claim '" + groupsClaim + "' (groups_claim) lists a non-string: " + g);
      }
      addName(groups, (String) g);
    }
    return groups;
  }

  private static void addName(Set<String> groups, String name) {
    if (!name.isEmpty()) {
      groups.add(name);
    }
  }
}
