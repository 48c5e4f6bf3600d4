package io.clusterwatch.agent.jobs.slurm;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses a spool file: {@code key=value} lines as {@code prolog.sh} and {@code epilog.sh} write
 * them. Unknown keys are ignored so newer scripts work with older agents.
 */
public final class SpoolFileParser {
  private SpoolFileParser() {}

  /**
   * @param name the file name, for error messages
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  public static SpoolRecord parse(String name, String content) {
    Map<String, String> kv = new HashMap<>();
    String[] lines = content.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "spool file " + name + " line " + (i + 1) + ": expected key=value, got '" + line + "'");
      }
      kv.put(line.substring(0, eq), line.substring(eq + 1));
    }
    String event = kv.getOrDefault("event", "");
    if (!event.equals(SpoolRecord.STARTED) && !event.equals(SpoolRecord.ENDED)) {
      throw new IllegalArgumentException(
          "spool file " + name + ": event must be started or ended, got '" + event + "'");
    }
    String jobId = kv.getOrDefault("job_id", "");
    if (jobId.isEmpty() || !jobId.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "spool file " + name + ": job_id must be a number, got '" + jobId + "'");
    }
    long time;
    try {
      time = Long.parseLong(kv.getOrDefault("time", "0"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "spool file " + name + ": time must be epoch seconds, got '" + kv.get("time") + "'", e);
    }
    return new SpoolRecord(
        event,
        jobId,
        kv.getOrDefault("sluid", ""),
        kv.getOrDefault("user", ""),
        kv.getOrDefault("uid", ""),
        kv.getOrDefault("account", ""),
        kv.getOrDefault("partition", ""),
        kv.getOrDefault("gpus", ""),
        kv.getOrDefault("cuda_visible_devices", ""),
        time);
  }
}
