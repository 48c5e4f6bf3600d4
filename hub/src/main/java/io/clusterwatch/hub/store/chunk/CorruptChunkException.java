package io.clusterwatch.hub.store.chunk;

/** A chunk or chunk file whose bytes do not decode; the message says what was wrong. */
public final class CorruptChunkException extends RuntimeException {
  public CorruptChunkException(String message) {
    super(message);
  }
}
