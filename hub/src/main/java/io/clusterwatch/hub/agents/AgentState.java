package io.clusterwatch.hub.agents;

import java.util.Map;

/**
 * What the hub knows about the agent of one host. Written only by the connection that holds the
 * host (one thread at a time, through {@link AgentRegistry}); read by anyone, so fields are
 * volatile.
 */
public final class AgentState {
  /** Weight of the newest skew observation in the exponential moving average. */
  private static final double SKEW_ALPHA = 0.1;

  private final String host;
  volatile String agentId = "";
  volatile String bootId = "";
  volatile String version = "";
  volatile Map<String, String> attributes = Map.of();
  volatile long intervalMs = 1000;
  volatile boolean connected;
  volatile AgentConnection connection;
  volatile long connectedSinceMs;
  private volatile long lastFrameMs;
  private volatile long newestSampleMs;
  private volatile double clockSkewMs = Double.NaN;
  private volatile long framesReceived;
  volatile long resumes;
  volatile long lastSeq;
  private volatile long layoutGeneration;

  AgentState(String host) {
    this.host = host;
  }

  /**
   * Records one stored frame.
   *
   * @param hubNowMs hub clock when it arrived
   * @param agentTimestampMs the frame's timestamp (agent clock)
   */
  public void frameStored(long seq, long hubNowMs, long agentTimestampMs) {
    lastSeq = seq;
    lastFrameMs = hubNowMs;
    newestSampleMs = agentTimestampMs;
    framesReceived = framesReceived + 1;
    double skew = hubNowMs - agentTimestampMs;
    double old = clockSkewMs;
    clockSkewMs = Double.isNaN(old) ? skew : old + SKEW_ALPHA * (skew - old);
  }

  /** Records a frame replayed from the write-ahead log: its sequence and timestamp only. */
  public void frameReplayed(long seq, long agentTimestampMs) {
    lastSeq = Math.max(lastSeq, seq);
    newestSampleMs = Math.max(newestSampleMs, agentTimestampMs);
  }

  /** Records a frame that was acknowledged but not stored (a duplicate or out of order). */
  public void frameSkipped(long seq, long hubNowMs) {
    if (seq > lastSeq) {
      lastSeq = seq;
    }
    lastFrameMs = hubNowMs;
  }

  /** The series table changed: cached layouts of this host are out of date. */
  public void tableChanged() {
    layoutGeneration = layoutGeneration + 1;
  }

  public String host() {
    return host;
  }

  public String agentId() {
    return agentId;
  }

  public String bootId() {
    return bootId;
  }

  public String version() {
    return version;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  public long intervalMs() {
    return intervalMs;
  }

  public boolean connected() {
    return connected;
  }

  /** Hub time of the newest frame, 0 when none yet. */
  public long lastFrameMs() {
    return lastFrameMs;
  }

  /** Agent timestamp of the newest stored frame, 0 when none. */
  public long newestSampleMs() {
    return newestSampleMs;
  }

  /** Hub receive time minus agent timestamp, smoothed; NaN before the first frame. */
  public double clockSkewMs() {
    return clockSkewMs;
  }

  public long framesReceived() {
    return framesReceived;
  }

  public long resumes() {
    return resumes;
  }

  /** Highest sequence number stored or acknowledged for the current agent id. */
  public long lastSeq() {
    return lastSeq;
  }

  public long layoutGeneration() {
    return layoutGeneration;
  }

  /**
   * True when the agent has been silent for {@code intervals} sampling intervals: no frame (or,
   * before the first frame, no hello) since then.
   */
  public boolean isStale(long nowMs, int intervals) {
    long last = Math.max(lastFrameMs, connectedSinceMs);
    return nowMs - last > intervals * intervalMs;
  }
}
