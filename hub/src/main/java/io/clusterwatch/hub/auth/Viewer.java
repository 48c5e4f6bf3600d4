package io.clusterwatch.hub.auth;

import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobScope;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is looking, and so what the API and /live show them.
 *
 * @param user the login name; null in {@code auth.mode: none}, where nobody logs in
 * @param role what they may see
 * @param accounts an instructor's Slurm accounts and Kubernetes namespaces; empty otherwise
 */
public record Viewer(String user, Role role, Set<String> accounts) {
  public Viewer {
    Objects.requireNonNull(role, "role");
    accounts = Set.copyOf(Objects.requireNonNullElse(accounts, Set.of()));
    if (user == null && role != Role.OPERATOR) {
      throw new IllegalArgumentException("only the viewer of auth.mode none has no user name");
    }
  }

  /** Anyone in {@code auth.mode: none}: sees everything, as before logins existed. */
  public static Viewer everyone() {
    return new Viewer(null, Role.OPERATOR, Set.of());
  }

  /** Every job, node health and /metrics. */
  public boolean seesAll() {
    return role == Role.OPERATOR;
  }

  /** The jobs this viewer may see; null for all of them. */
  public JobScope jobScope() {
    return seesAll() ? null : new JobScope(user, accounts);
  }

  public boolean maySee(Job job) {
    return seesAll() || jobScope().contains(job);
  }

  /**
   * Two viewers with the same key see the same: what a view built for one may be sent to the other.
   */
  public String key() {
    return seesAll() ? "*" : role.label() + "\n" + user + "\n" + new TreeSet<>(accounts);
  }
}
