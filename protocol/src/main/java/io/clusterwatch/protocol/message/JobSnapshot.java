package io.clusterwatch.protocol.message;

import java.util.List;

/**
 * Every job running on this node now, agent to hub, sent after each hello: the hub ends jobs of
 * this host that are missing from it.
 */
public record JobSnapshot(@Required long timeMs, @Required List<JobInfo> jobs)
    implements ControlMessage {
  public static final String TYPE = "jobs";

  public JobSnapshot {
    jobs = List.copyOf(jobs);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
