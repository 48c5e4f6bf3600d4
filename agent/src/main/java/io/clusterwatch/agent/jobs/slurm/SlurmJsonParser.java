package io.clusterwatch.agent.jobs.slurm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the job listing of {@code scontrol show job --json} and {@code squeue --json} (top level
 * {@code jobs[]}). Tolerant of the drift between data_parser versions (ecosystem.md A1): numbers
 * may be plain or {@code {set, infinite, number}} structs, {@code job_state} a string or an array,
 * the reservation {@code reservation} or {@code resv_name}, the SLUID top level or in {@code
 * step_id}, the node list in {@code job_resources.nodes.allocation[]} (v0.0.40+) or {@code
 * job_resources.allocated_nodes[]} (older).
 */
public final class SlurmJsonParser {
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @throws IllegalArgumentException when the text is not JSON, has no {@code jobs} array, or
   *     carries Slurm errors and no jobs
   */
  public List<SlurmJobRecord> parse(String json) {
    List<SlurmJobRecord> out = new ArrayList<>();
    for (JsonNode job : jobs(json)) {
      out.add(parseJob(job));
    }
    return out;
  }

  /**
   * The {@code jobs} array of a listing, unparsed.
   *
   * @throws IllegalArgumentException as {@link #parse} does
   */
  JsonNode jobs(String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "slurm JSON is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("slurm JSON: expected an object at the top level");
    }
    JsonNode jobs = root.get("jobs");
    JsonNode errors = root.path("errors");
    if ((jobs == null || jobs.isEmpty()) && errors.isArray() && !errors.isEmpty()) {
      throw new IllegalArgumentException("slurm JSON reports errors: " + errors);
    }
    if (jobs == null || !jobs.isArray()) {
      throw new IllegalArgumentException("slurm JSON: no 'jobs' array");
    }
    return jobs;
  }

  /** One entry of {@code jobs[]}. */
  static SlurmJobRecord parseJob(JsonNode job) {
    Optional<Long> jobId = number(job.get("job_id"));
    if (jobId.isEmpty()) {
      throw new IllegalArgumentException("slurm JSON: a job without a numeric job_id: " + job);
    }
    String sluid = text(job.get("sluid"));
    if (sluid.isEmpty()) {
      sluid = text(job.path("step_id").get("sluid"));
    }
    String reservation = text(job.get("reservation"));
    if (reservation.isEmpty()) {
      reservation = text(job.get("resv_name"));
    }
    JsonNode limit = job.get("time_limit");
    Optional<Long> start = number(job.get("start_time")).filter(s -> s > 0);
    List<String> states = strings(job.get("job_state"));
    // v0.0.40+: {set, infinite, number}. v0.0.38 (Slurm 22.05) writes null for INFINITE and NO_VAL;
    // once a job is no longer pending NO_VAL has been replaced by the partition's limit, so a null
    // limit there is UNLIMITED (scontrol shows TimeLimit=UNLIMITED for the same job).
    boolean infinite =
        limit != null
            && (limit.path("infinite").asBoolean(false)
                || (limit.isNull() && !states.isEmpty() && !states.contains("PENDING")));
    return new SlurmJobRecord(
        Long.toString(jobId.get()),
        sluid.isEmpty() ? Optional.empty() : Optional.of(sluid),
        text(job.get("user_name")),
        text(job.get("name")),
        text(job.get("account")),
        text(job.get("partition")),
        reservation,
        states,
        infinite ? Optional.empty() : number(limit),
        infinite,
        start,
        gpusByNode(job));
  }

  /** {@code gres_detail[i]} belongs to the i-th allocated node (Slurm job_info_t). */
  private static Map<String, List<Integer>> gpusByNode(JsonNode job) {
    List<String> details = strings(job.get("gres_detail"));
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    if (details.isEmpty()) {
      return out;
    }
    List<String> nodes = allocatedNodes(job);
    if (nodes.isEmpty()) {
      String list = text(job.get("nodes"));
      if (!list.isEmpty() && !list.contains(",") && !list.contains("[")) {
        nodes = List.of(list);
      }
    }
    if (nodes.size() != details.size()) {
      throw new IllegalArgumentException(
          "slurm JSON job "
              + text(job.get("job_id"))
              + ": "
              + details.size()
              + " gres_detail entries for nodes "
              + nodes);
    }
    for (int i = 0; i < nodes.size(); i++) {
      out.put(nodes.get(i), GresDetailParser.gpuIndices(details.get(i)));
    }
    return out;
  }

  /** The nodes the job runs on, in allocation order, where the JSON lists them one by one. */
  static List<String> allocatedNodes(JsonNode job) {
    JsonNode res = job.path("job_resources");
    List<String> names = new ArrayList<>();
    JsonNode allocation = res.path("nodes").path("allocation");
    if (allocation.isArray() && !allocation.isEmpty()) {
      List<JsonNode> sorted = new ArrayList<>();
      allocation.forEach(sorted::add);
      sorted.sort((a, b) -> Integer.compare(a.path("index").asInt(0), b.path("index").asInt(0)));
      for (JsonNode n : sorted) {
        names.add(text(n.get("name")));
      }
      return names;
    }
    JsonNode older = res.path("allocated_nodes");
    if (older.isArray()) {
      for (JsonNode n : older) {
        names.add(text(n.get("nodename")));
      }
    }
    return names;
  }

  /**
   * A plain number, a numeric string, or a {@code {set, infinite, number}} struct with set true.
   */
  static Optional<Long> number(JsonNode n) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (n.isObject()) {
      if (!n.path("set").asBoolean(false) || n.path("infinite").asBoolean(false)) {
        return Optional.empty();
      }
      return number(n.get("number"));
    }
    if (n.isNumber()) {
      return Optional.of(n.asLong());
    }
    if (n.isTextual()) {
      try {
        return Optional.of(Long.parseLong(n.asText().trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return "";
    }
    return n.asText();
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(e -> out.add(e.asText()));
    } else if (!n.asText().isEmpty()) {
      out.add(n.asText());
    }
    return out;
  }
}
