package io.clusterwatch.agent.jobs.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the jobs running on one node out of {@code squeue --json --nodelist=<node>
 * --states=RUNNING}. The filter is applied here again: Slurm 22.05 (data_parser v0.0.38) ignores
 * {@code --nodelist} and {@code --states} with {@code --json} and lists every job it knows, pending
 * and completed ones included (e2e/slurm/samples/bare). A job is on the node when its allocated
 * nodes ({@code job_resources}) or, without those, its {@code nodes} host list name it.
 */
public final class SqueueJsonParser {
  private final SlurmJsonParser json = new SlurmJsonParser();

  /**
   * @throws IllegalArgumentException when the text is not a Slurm job listing (see {@link
   *     SlurmJsonParser#parse}) or a running job's fields are malformed
   */
  public SqueueListing parse(String text, String nodeName) {
    List<SqueueJob> jobs = new ArrayList<>();
    Map<String, SlurmJobRecord> records = new LinkedHashMap<>();
    for (JsonNode job : json.jobs(text)) {
      if (!SlurmJsonParser.strings(job.get("job_state")).contains("RUNNING")
          || !runsOn(job, nodeName)) {
        continue;
      }
      SlurmJobRecord r = SlurmJsonParser.parseJob(job);
      String uid = SlurmJsonParser.number(job.get("user_id")).map(String::valueOf).orElse("");
      jobs.add(new SqueueJob(r.jobId(), r.user(), uid, r.name(), r.account(), r.partition()));
      records.put(r.jobId(), r);
    }
    return new SqueueListing(jobs, records);
  }

  private static boolean runsOn(JsonNode job, String nodeName) {
    List<String> nodes = SlurmJsonParser.allocatedNodes(job);
    if (nodes.isEmpty()) {
      String list = SlurmJsonParser.text(job.get("nodes"));
      nodes = list.isEmpty() ? List.of() : ScontrolTextParser.HostList.expand(list);
    }
    return nodes.contains(nodeName);
  }
}
