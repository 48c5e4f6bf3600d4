package io.clusterwatch.hub.wal;

/** What a log record holds; the byte is written in each record's header. */
public enum RecordType {
  /** An agent's hello: its id, the sequence it last saw acknowledged, and its series table. */
  HELLO(1),
  /** A new series table of a connected agent (a schema message, JSON). */
  SCHEMA(2),
  /** One binary data frame as it came off the wire. */
  FRAME(3),
  /** A job event or job snapshot message (JSON). */
  JOB(4);

  final byte code;

  RecordType(int code) {
    this.code = (byte) code;
  }

  static RecordType of(byte code) {
    for (RecordType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
