package io.clusterwatch.protocol.message;

/**
 * A job started or ended on this node, agent to hub.
 *
 * @param event {@code started} or {@code ended}
 * @param timeMs when it happened, ms since the epoch
 */
public record JobEvent(String event, long timeMs, JobInfo job) implements ControlMessage {
  public static final String TYPE = "job";
  public static final String STARTED = "started";
  public static final String ENDED = "ended";

  @Override
  public String type() {
    return TYPE;
  }
}
