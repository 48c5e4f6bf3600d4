package io.clusterwatch.protocol.message;

import io.clusterwatch.protocol.ProtocolException;

/**
 * A job started or ended on this node, agent to hub.
 *
 * @param event {@code started} or {@code ended}
 * @param timeMs when it happened, ms since the epoch
 */
public record JobEvent(@Required String event, @Required long timeMs, @Required JobInfo job)
    implements ControlMessage {
  public static final String TYPE = "job";
  public static final String STARTED = "started";
  public static final String ENDED = "ended";

  public JobEvent {
    if (!STARTED.equals(event) && !ENDED.equals(event)) {
      throw new ProtocolException(
          "bad_message", "job event must be started or ended, not " + event);
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}
