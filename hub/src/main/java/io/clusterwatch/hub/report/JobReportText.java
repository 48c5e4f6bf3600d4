package io.clusterwatch.hub.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A job's efficiency report for the terminal, in the manner of Slurm's {@code seff} and Princeton's
 * {@code jobstats}: what was allocated, what was used, and what to change next time. Reads the
 * answer of {@code GET /api/v1/jobs/{id}/report}.
 */
final class JobReportText {
  /** A GPU idle at least this share of its time counts as not needed. */
  static final double IDLE_GPU_RATIO = 0.5;

  /** Busy GPUs averaging under this are worth a look at the input pipeline. */
  static final double LOW_UTILIZATION = 0.25;

  private JobReportText() {}

  static String render(JsonObject job) {
    JsonObject r = job.getJsonObject("report");
    StringBuilder out = new StringBuilder();
    line(out, "Job ID", job.getString("id"));
    line(out, "Name", job.getString("name"));
    line(out, "User", job.getString("user"));
    JsonObject attributes = job.getJsonObject("attributes", new JsonObject());
    line(out, "Account", attributes.getString("account", "-"));
    line(out, "Partition", attributes.getString("partition", "-"));
    line(out, "State", job.getString("state") + (r.getBoolean("final") ? "" : " (report so far)"));
    line(
        out,
        "Nodes",
        String.join(",", job.getJsonArray("nodes").stream().map(String::valueOf).toList()));
    long start = job.getLong("start_ms");
    Long end = job.getLong("end_ms");
    line(out, "Started", Instant.ofEpochMilli(start).toString());
    line(out, "Ended", end == null ? "-" : Instant.ofEpochMilli(end).toString());
    line(out, "Elapsed", Units.duration((end == null ? r.getLong("computed_at_ms") : end) - start));
    out.append('\n');
    line(out, "GPUs allocated", String.valueOf(r.getInteger("gpus_allocated")));
    line(out, "GPU-hours", Units.hours(r.getDouble("gpu_hours")));
    line(
        out,
        "GPU utilisation",
        Units.percent(r.getDouble("mean_gpu_utilization"))
            + " mean, "
            + Units.percent(r.getDouble("median_gpu_utilization"))
            + " median");
    line(
        out,
        "Idle GPU-hours",
        Units.hours(r.getDouble("idle_gpu_hours"))
            + " (at or under "
            + Units.percent(r.getDouble("idle_threshold_ratio"))
            + ")");
    line(out, "Peak GPU memory", Units.bytes(r.getDouble("peak_gpu_memory_bytes")));
    line(out, "GPU energy", Units.kwh(r.getDouble("gpu_energy_kwh")));
    line(out, "Host CPU", Units.percent(r.getDouble("host_cpu_utilization")) + " busy");
    line(
        out,
        "Host memory",
        Units.bytes(r.getDouble("host_memory_peak_bytes"))
            + " peak of "
            + Units.bytes(r.getDouble("host_memory_total_bytes")));
    line(
        out,
        "Disk",
        Units.bytes(r.getDouble("disk_read_bytes"))
            + " read, "
            + Units.bytes(r.getDouble("disk_written_bytes"))
            + " written");
    line(
        out,
        "InfiniBand",
        Units.bytes(r.getDouble("ib_received_bytes"))
            + " received, "
            + Units.bytes(r.getDouble("ib_transmitted_bytes"))
            + " sent");
    JsonArray gpus = r.getJsonArray("gpus");
    if (!gpus.isEmpty()) {
      out.append("\nPer GPU:\n");
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("HOST", "GPU", "HOURS", "MEAN", "IDLE", "PEAK MEMORY", "ENERGY"));
      for (Object o : gpus) {
        JsonObject g = (JsonObject) o;
        rows.add(
            List.of(
                g.getString("host"),
                g.getString("uuid"),
                Units.hours(g.getDouble("gpu_hours")),
                Units.percent(g.getDouble("mean_utilization")),
                Units.percent(g.getDouble("idle_ratio")),
                Units.bytes(g.getDouble("peak_memory_bytes")),
                Units.kwh(g.getDouble("energy_kwh"))));
      }
      out.append(TextTable.render(rows, 2));
    }
    JsonArray alerts = r.getJsonArray("alerts");
    if (!alerts.isEmpty()) {
      out.append("\nAlerts and hints that fired:\n");
      for (Object o : alerts) {
        JsonObject a = (JsonObject) o;
        out.append("  ")
            .append(Instant.ofEpochMilli(a.getLong("time_ms")))
            .append("  ")
            .append(a.getString("rule"))
            .append(": ")
            .append(a.getString("summary"))
            .append('\n');
      }
    }
    out.append("\nAdvice:\n");
    for (String a : advice(r)) {
      out.append("  ").append(a).append('\n');
    }
    return out.toString();
  }

  /** What to change next time, from the report's figures. */
  static List<String> advice(JsonObject r) {
    List<String> out = new ArrayList<>();
    JsonArray gpus = r.getJsonArray("gpus");
    int allocated = r.getInteger("gpus_allocated");
    if (allocated == 0) {
      out.add("The job held no GPU.");
      return out;
    }
    if (r.getValue("mean_gpu_utilization") == null) {
      out.add("The hub has no utilisation for this job's GPUs (no agent data in its store range).");
      return out;
    }
    int idle = 0;
    double idleShare = 0;
    for (Object o : gpus) {
      Double ratio = ((JsonObject) o).getDouble("idle_ratio");
      if (ratio != null && ratio >= IDLE_GPU_RATIO) {
        idle++;
        idleShare += ratio;
      }
    }
    if (idle > 0) {
      String ask =
          idle == allocated
              ? "run it on a CPU node, or check that your code uses the GPU"
              : "ask for " + (allocated - idle);
      out.add(
          String.format(
              Locale.ROOT,
              "Requested %d GPU%s, %d sat idle %.0f %% of the time: %s.",
              allocated,
              allocated == 1 ? "" : "s",
              idle,
              idleShare / idle * 100,
              ask));
    }
    double mean = r.getDouble("mean_gpu_utilization");
    if (idle < allocated && mean < LOW_UTILIZATION) {
      out.add(
          String.format(
              Locale.ROOT,
              "GPU utilisation averaged %.0f %%: look at data loading (more"
                  + " loader workers, faster storage) and batch size.",
              mean * 100));
    }
    if (out.isEmpty()) {
      out.add("The GPUs were well used; nothing to change.");
    }
    return out;
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-17s%s%n", label + ":", value));
  }
}
