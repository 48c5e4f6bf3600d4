package io.clusterwatch.hub.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives a logged-in person their role from {@code roles:}: an operator when their name or one of
 * their {@code @groups} is listed under {@code operators}; else an instructor of every account
 * listed for their name or their groups under {@code instructors}; else a participant.
 */
public final class Roles {
  private final RolesSettings settings;

  public Roles(RolesSettings settings) {
    this.settings = settings;
  }

  public Viewer of(Identity who) {
    if (matchesAny(settings.operators(), who)) {
      return new Viewer(who.user(), Role.OPERATOR, Set.of());
    }
    Set<String> accounts = new TreeSet<>();
    boolean instructor = false;
    for (Map.Entry<String, List<String>> e : settings.instructors().entrySet()) {
      if (matches(e.getKey(), who)) {
        instructor = true;
        accounts.addAll(e.getValue());
      }
    }
    return instructor
        ? new Viewer(who.user(), Role.INSTRUCTOR, accounts)
        : new Viewer(who.user(), Role.PARTICIPANT, Set.of());
  }

  private static boolean matchesAny(List<String> names, Identity who) {
    for (String n : names) {
      if (matches(n, who)) {
        return true;
      }
    }
    return false;
  }

  /** {@code name} is a login name, {@code @name} a group. */
  private static boolean matches(String name, Identity who) {
    return name.startsWith("@")
        ? who.groups().contains(name.substring(1))
        : name.equals(who.user());
  }
}
