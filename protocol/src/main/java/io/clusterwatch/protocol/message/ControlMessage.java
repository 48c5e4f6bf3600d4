package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A JSON text frame of wire protocol v1. Every message is an object whose {@code type} field names
 * it. Agent to hub: {@link Hello}, {@link Schema}, {@link JobEvent}, {@link JobSnapshot}. Hub to
 * agent: {@link Welcome}, {@link Ack}, {@link ErrorMessage}. Field names are the record components
 * in snake_case (see {@link ControlMessageCodec}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Hello.class, name = Hello.TYPE),
  @JsonSubTypes.Type(value = Schema.class, name = Schema.TYPE),
  @JsonSubTypes.Type(value = Welcome.class, name = Welcome.TYPE),
  @JsonSubTypes.Type(value = Ack.class, name = Ack.TYPE),
  @JsonSubTypes.Type(value = JobEvent.class, name = JobEvent.TYPE),
  @JsonSubTypes.Type(value = JobSnapshot.class, name = JobSnapshot.TYPE),
  @JsonSubTypes.Type(value = ErrorMessage.class, name = ErrorMessage.TYPE)
})
public sealed interface ControlMessage
    permits Hello, Schema, Welcome, Ack, JobEvent, JobSnapshot, ErrorMessage {
  /** The value of the {@code type} field. */
  String type();
}
