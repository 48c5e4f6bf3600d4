package io.clusterwatch.hub.auth;

import java.util.Locale;

/** What a logged-in person may see (README.md, "Logins and roles"). */
public enum Role {
  /** Everything: every job, node health, /metrics. Also everyone in {@code auth.mode: none}. */
  OPERATOR,
  /** Their own jobs and those of their accounts (or namespaces), and those accounts' idle board. */
  INSTRUCTOR,
  /** Their own jobs, and the cluster heatmap without other people's jobs. */
  PARTICIPANT;

  /** The name the API uses. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
