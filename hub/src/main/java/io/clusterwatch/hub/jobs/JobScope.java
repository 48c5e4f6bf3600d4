package io.clusterwatch.hub.jobs;

import java.util.Objects;
import java.util.Set;

/**
 * The jobs one person may see: their own (the job's user is their login name) and those whose Slurm
 * {@code account} or Kubernetes {@code namespace} attribute is one of {@code accounts}.
 *
 * @param user the login name
 * @param accounts Slurm accounts and Kubernetes namespaces
 */
public record JobScope(String user, Set<String> accounts) {
  public JobScope {
    Objects.requireNonNull(user, "user");
    accounts = Set.copyOf(Objects.requireNonNullElse(accounts, Set.of()));
  }

  public boolean contains(Job job) {
    if (user.equals(job.user())) {
      return true;
    }
    String account = job.attributes().get("account");
    String namespace = job.attributes().get("namespace");
    return (account != null && accounts.contains(account))
        || (namespace != null && accounts.contains(namespace));
  }
}
