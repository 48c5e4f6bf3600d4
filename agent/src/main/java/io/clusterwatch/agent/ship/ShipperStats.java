package io.clusterwatch.agent.ship;

/**
 * A consistent view of a {@link Shipper}'s counters.
 *
 * @param connected true while a connection is welcomed and streaming
 * @param framesSent data frames handed to the socket, resends included
 * @param framesAcked data frames the hub confirmed stored (by ack or by its welcome)
 * @param framesDropped data frames dropped unsent because the resend buffer was full
 * @param bufferedFrames data frames waiting for an acknowledgement
 * @param bufferedBytes their encoded size in bytes
 * @param reconnects connections lost or refused after which a reconnect was scheduled
 * @param lastAckedSeq highest sequence number the hub confirmed, 0 when none
 */
public record ShipperStats(
    boolean connected,
    long framesSent,
    long framesAcked,
    long framesDropped,
    int bufferedFrames,
    long bufferedBytes,
    long reconnects,
    long lastAckedSeq) {}
