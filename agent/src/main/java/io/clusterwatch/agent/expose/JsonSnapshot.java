package io.clusterwatch.agent.expose;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;

/**
 * One tick as JSON, with internal names: {@code {"host", "timestamp_ms", "samples": [{"metric",
 * "labels", "type", "value", "raw", "scale"}]}}. {@code value} is in the base unit; counters also
 * carry their exact unsigned {@code raw} value and the {@code scale} from raw to base unit.
 */
public final class JsonSnapshot {
  private final JsonFactory factory =
      new JsonFactory().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  public void write(OutputStream out, String host, Tick tick) throws IOException {
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("host", host);
      g.writeNumberField("timestamp_ms", tick.timestampMs());
      g.writeArrayFieldStart("samples");
      for (Sample s : tick.samples()) {
        g.writeStartObject();
        g.writeStringField("metric", s.metric());
        g.writeObjectFieldStart("labels");
        Labels l = s.labels();
        for (int i = 0; i < l.size(); i++) {
          g.writeStringField(l.name(i), l.value(i));
        }
        g.writeEndObject();
        g.writeStringField("type", s.type().wireName());
        double value = FamilyTarget.baseValue(s, 1);
        if (Double.isFinite(value)) {
          g.writeNumberField("value", value);
        } else {
          // JSON has no NaN or infinity; write them as the strings Prometheus uses.
          g.writeStringField("value", Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf");
        }
        if (s.type() == MetricType.COUNTER) {
          g.writeFieldName("raw");
          g.writeNumber(new BigInteger(Long.toUnsignedString(s.counterValue())));
          g.writeNumberField("scale", s.scale());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }
}
