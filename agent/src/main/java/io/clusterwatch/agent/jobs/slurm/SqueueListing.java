package io.clusterwatch.agent.jobs.slurm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code squeue} call said about this node.
 *
 * @param jobs the jobs running on this node, in squeue's order
 * @param records Slurm's full record of those jobs by job id, where the answer carried it (JSON);
 *     empty for the text format, whose jobs are then looked up one by one
 */
public record SqueueListing(List<SqueueJob> jobs, Map<String, SlurmJobRecord> records) {
  /** No jobs. */
  public static final SqueueListing EMPTY = new SqueueListing(List.of(), Map.of());

  public SqueueListing {
    jobs = List.copyOf(jobs);
    records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
  }
}
