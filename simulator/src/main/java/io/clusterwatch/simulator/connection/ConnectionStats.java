package io.clusterwatch.simulator.connection;

/**
 * A consistent view of one simulated node's connection.
 *
 * @param connected true while a connection is welcomed and streaming
 * @param framesSent data frames written to a socket, resends included
 * @param framesAcked data frames the hub confirmed stored (by ack or by its welcome)
 * @param framesDropped data frames dropped unsent because the resend buffer was full
 * @param bufferedFrames data frames waiting for an acknowledgement
 * @param reconnects connections lost or refused after which a reconnect was scheduled
 * @param lastAckedSeq highest sequence number the hub confirmed, 0 when none
 */
public record ConnectionStats(
    boolean connected,
    long framesSent,
    long framesAcked,
    long framesDropped,
    int bufferedFrames,
    long reconnects,
    long lastAckedSeq) {
  static final ConnectionStats NONE = new ConnectionStats(false, 0, 0, 0, 0, 0, 0);
}
