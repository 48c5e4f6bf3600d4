package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.clusterwatch.protocol.ProtocolException;

/** Turns what Jackson reports about a bad text frame into the protocol's error codes. */
final class DecodeErrors {
  private DecodeErrors() {}

  static ProtocolException translate(JacksonException e) {
    if (e instanceof StreamConstraintsException) {
      // Nesting deeper than 1000, a number of more than 1000 digits, a field name of more than
      // 50000 characters: Jackson's StreamReadConstraints, checked while reading.
      return new ProtocolException(
          "bad_json", "text frame exceeds a limit of the JSON reader: " + e.getOriginalMessage());
    }
    if (e instanceof StreamReadException) {
      return new ProtocolException(
          "bad_json", "text frame is not valid JSON: " + e.getOriginalMessage());
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof ProtocolException p) {
      return p;
    }
    if (!(e instanceof JsonMappingException m)) {
      return new ProtocolException(
          "bad_json", "text frame cannot be read: " + e.getOriginalMessage());
    }
    if (m instanceof InvalidTypeIdException t) {
      return t.getTypeId() == null
          ? new ProtocolException("bad_message", "missing or non-string field: type")
          : new ProtocolException("bad_message", "unknown message type: " + t.getTypeId());
    }
    String field = path(m);
    if (field.isEmpty()) {
      return new ProtocolException("bad_message", "bad message: " + m.getOriginalMessage());
    }
    Throwable cause = m instanceof ValueInstantiationException ? m.getCause() : m;
    String why =
        cause instanceof JsonMappingException j ? j.getOriginalMessage() : cause.getMessage();
    return new ProtocolException("bad_message", "bad field " + field + ": " + why);
  }

  /** {@code jobs[0].job_id}: where in the message the problem is. */
  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
