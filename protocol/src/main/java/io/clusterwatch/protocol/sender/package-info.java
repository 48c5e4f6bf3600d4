/**
 * What every sender of wire protocol v1 keeps between the ticks it encodes and the hub's
 * acknowledgements: the series table in force ({@link
 * io.clusterwatch.protocol.sender.SeriesTableTracker}), sequence numbers that never repeat within
 * an agent id ({@link io.clusterwatch.protocol.sender.SequenceLedger}), the bounded resend buffer
 * ({@link io.clusterwatch.protocol.sender.FrameBuffer}), job events waiting for a connection
 * ({@link io.clusterwatch.protocol.sender.PendingJobEvents}) and the jittered reconnect delays
 * ({@link io.clusterwatch.protocol.sender.Backoff}). No I/O and no threads: the agent's shipper and
 * the simulator's connections drive them, each over its own transport.
 */
package io.clusterwatch.protocol.sender;
