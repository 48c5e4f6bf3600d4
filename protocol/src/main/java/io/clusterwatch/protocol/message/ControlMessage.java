package io.clusterwatch.protocol.message;

/**
 * A JSON text frame of wire protocol v1. Every message is an object whose {@code type} field names
 * it. Agent to hub: {@link Hello}, {@link Schema}, {@link JobEvent}, {@link JobSnapshot}. Hub to
 * agent: {@link Welcome}, {@link Ack}, {@link ErrorMessage}.
 */
public sealed interface ControlMessage
    permits Hello, Schema, Welcome, Ack, JobEvent, JobSnapshot, ErrorMessage {
  /** The value of the {@code type} field. */
  String type();
}
