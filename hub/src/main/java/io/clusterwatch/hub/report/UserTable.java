package io.clusterwatch.hub.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line per user over the jobs of {@code GET /api/v1/jobs}: jobs, GPU-hours, idle GPU-hours,
 * mean utilisation (weighted by GPU-hours) and GPU energy.
 */
final class UserTable {
  private final Map<String, Totals> byUser = new TreeMap<>();

  private static final class Totals {
    int jobs;
    double gpuHours;
    double idleHours;
    double utilHours;
    double utilWeight;
    double energy;
    boolean anyEnergy;
  }

  void add(JsonObject job) {
    Totals t = byUser.computeIfAbsent(job.getString("user"), u -> new Totals());
    JsonObject s = job.getJsonObject("summary");
    t.jobs++;
    Double hours = s.getDouble("gpu_hours");
    if (hours != null) {
      t.gpuHours += hours;
    }
    Double idleMinutes = s.getDouble("idle_gpu_minutes");
    if (idleMinutes != null) {
      t.idleHours += idleMinutes / 60;
    }
    Double mean = s.getDouble("mean_gpu_utilization");
    if (mean != null && hours != null) {
      t.utilHours += mean * hours;
      t.utilWeight += hours;
    }
    Double energy = s.getDouble("energy_kwh");
    if (energy != null) {
      t.energy += energy;
      t.anyEnergy = true;
    }
  }

  String render() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("USER", "JOBS", "GPU-HOURS", "IDLE GPU-HOURS", "MEAN UTIL", "ENERGY"));
    byUser.forEach(
        (user, t) ->
            rows.add(
                List.of(
                    user,
                    String.valueOf(t.jobs),
                    Units.hours(t.gpuHours),
                    Units.hours(t.idleHours),
                    Units.percent(t.utilWeight > 0 ? t.utilHours / t.utilWeight : null),
                    Units.kwh(t.anyEnergy ? t.energy : null))));
    return TextTable.render(rows, 0);
  }

  JsonObject json() {
    JsonObject out = new JsonObject();
    byUser.forEach(
        (user, t) ->
            out.put(
                user,
                new JsonObject()
                    .put("jobs", t.jobs)
                    .put("gpu_hours", t.gpuHours)
                    .put("idle_gpu_hours", t.idleHours)
                    .put(
                        "mean_gpu_utilization",
                        t.utilWeight > 0 ? t.utilHours / t.utilWeight : null)
                    .put("energy_kwh", t.anyEnergy ? t.energy : null)));
    return out;
  }
}
