package io.clusterwatch.hub.jobs;

/** Whether a job still holds resources. */
public enum JobState {
  RUNNING,
  FINISHED;

  public String wireName() {
    return this == RUNNING ? "running" : "finished";
  }

  /** Parses {@code running} or {@code finished}; null for anything else. */
  public static JobState fromWireName(String s) {
    if ("running".equals(s)) {
      return RUNNING;
    }
    if ("finished".equals(s)) {
      return FINISHED;
    }
    return null;
  }
}
