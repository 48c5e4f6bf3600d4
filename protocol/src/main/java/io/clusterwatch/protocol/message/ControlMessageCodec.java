package io.clusterwatch.protocol.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.ProtocolException;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text frames of wire protocol v1 (field names in protocol/README.md). Decoding is strict about
 * types and required fields and names the offending field; unknown fields are ignored so that newer
 * agents can add some.
 */
public final class ControlMessageCodec {
  private final ObjectMapper mapper = new ObjectMapper();

  public String encode(ControlMessage message) {
    ObjectNode o = mapper.createObjectNode();
    o.put("type", message.type());
    if (message instanceof Hello h) {
      o.put("protocol", h.protocol());
      o.put("host", h.host());
      o.put("agent_id", h.agentId());
      o.put("boot_id", h.bootId());
      o.put("interval_ms", h.intervalMs());
      o.put("token", h.token());
      o.put("last_acked_seq", h.lastAckedSeq());
      o.put("agent_version", h.agentVersion());
      putStringMap(o.putObject("attributes"), h.attributes());
      putTable(o, h.table());
    } else if (message instanceof Schema s) {
      putTable(o, s.table());
    } else if (message instanceof Welcome w) {
      o.put("last_seq", w.lastSeq());
      o.put("server_time_ms", w.serverTimeMs());
    } else if (message instanceof Ack a) {
      o.put("seq", a.seq());
    } else if (message instanceof ErrorMessage e) {
      o.put("code", e.code());
      o.put("message", e.message());
    } else if (message instanceof JobEvent j) {
      o.put("event", j.event());
      o.put("time_ms", j.timeMs());
      putJob(o.putObject("job"), j.job());
    } else if (message instanceof JobSnapshot s) {
      o.put("time_ms", s.timeMs());
      ArrayNode jobs = o.putArray("jobs");
      s.jobs().forEach(j -> putJob(jobs.addObject(), j));
    }
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /**
   * Parses one text frame.
   *
   * @throws ProtocolException naming what was wrong
   */
  public ControlMessage decode(String text) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("bad_json", "text frame is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ProtocolException("bad_json", "text frame must be a JSON object");
    }
    String type = text(root, "type");
    switch (type) {
      case Hello.TYPE:
        return new Hello(
            integer(root, "protocol"),
            text(root, "host"),
            text(root, "agent_id"),
            optText(root, "boot_id"),
            longValue(root, "interval_ms"),
            optText(root, "token"),
            optLong(root, "last_acked_seq"),
            optText(root, "agent_version"),
            table(root),
            stringMap(root, "attributes"));
      case Schema.TYPE:
        return new Schema(table(root));
      case Welcome.TYPE:
        return new Welcome(longValue(root, "last_seq"), optLong(root, "server_time_ms"));
      case Ack.TYPE:
        return new Ack(longValue(root, "seq"));
      case ErrorMessage.TYPE:
        return new ErrorMessage(text(root, "code"), optText(root, "message"));
      case JobEvent.TYPE:
        String event = text(root, "event");
        if (!JobEvent.STARTED.equals(event) && !JobEvent.ENDED.equals(event)) {
          throw new ProtocolException("bad_message", "job event must be started or ended, not " + event);
        }
        return new JobEvent(event, longValue(root, "time_ms"), job(object(root, "job")));
      case JobSnapshot.TYPE:
        List<JobInfo> jobs = new ArrayList<>();
        for (JsonNode j : array(root, "jobs")) {
          jobs.add(job(j));
        }
        return new JobSnapshot(longValue(root, "time_ms"), jobs);
      default:
        throw new ProtocolException("bad_message", "unknown message type: " + type);
    }
  }

  private static void putTable(ObjectNode o, SeriesTable table) {
    o.put("schema_version", table.schemaVersion());
    ArrayNode series = o.putArray("series");
    for (int i = 0; i < table.size(); i++) {
      SeriesDescriptor d = table.get(i);
      ObjectNode s = series.addObject();
      s.put("id", i);
      s.put("metric", d.metric());
      putStringMap(s.putObject("labels"), d.labels().asMap());
      s.put("type", d.type().wireName());
      s.put("unit", d.unit());
      if (d.scale() != 1.0) {
        s.put("scale", d.scale());
      }
    }
  }

  private static SeriesTable table(JsonNode root) {
    int version = integer(root, "schema_version");
    List<SeriesDescriptor> list = new ArrayList<>();
    int i = 0;
    for (JsonNode s : array(root, "series")) {
      if (!s.isObject()) {
        throw new ProtocolException("bad_series", "series[" + i + "] must be an object");
      }
      if (s.has("id") && s.get("id").asLong(-1) != i) {
        throw new ProtocolException("bad_series", "series[" + i + "] has id " + s.get("id") + ", expected " + i);
      }
      String metric = text(s, "metric");
      MetricType type = MetricType.fromWireName(text(s, "type"));
      try {
        double scale = 1.0;
        if (s.has("scale")) {
          if (!s.get("scale").isNumber()) {
            throw new ProtocolException("bad_series", "series[" + i + "].scale must be a number");
          }
          scale = s.get("scale").asDouble();
        }
        list.add(
            new SeriesDescriptor(
                metric, Labels.of(stringMap(s, "labels")), type, optText(s, "unit"), scale));
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("bad_series", "series[" + i + "]: " + e.getMessage());
      }
      i++;
    }
    return new SeriesTable(version, list);
  }

  private static void putJob(ObjectNode o, JobInfo j) {
    o.put("job_id", j.jobId());
    o.put("user", j.user());
    o.put("name", j.name());
    ArrayNode gpus = o.putArray("gpu_uuids");
    j.gpuUuids().forEach(gpus::add);
    o.put("start_ms", j.startMs());
    o.put("source", j.source());
    putStringMap(o.putObject("attributes"), j.attributes());
  }

  private static JobInfo job(JsonNode o) {
    if (!o.isObject()) {
      throw new ProtocolException("bad_message", "job must be an object");
    }
    List<String> gpus = new ArrayList<>();
    if (o.has("gpu_uuids")) {
      for (JsonNode g : array(o, "gpu_uuids")) {
        if (!g.isTextual()) {
          throw new ProtocolException("bad_message", "gpu_uuids must hold strings");
        }
        gpus.add(g.asText());
      }
    }
    return new JobInfo(
        text(o, "job_id"),
        optText(o, "user"),
        optText(o, "name"),
        gpus,
        optLong(o, "start_ms"),
        optText(o, "source"),
        stringMap(o, "attributes"));
  }

  private static void putStringMap(ObjectNode o, Map<String, String> map) {
    map.forEach(o::put);
  }

  private static Map<String, String> stringMap(JsonNode root, String field) {
    JsonNode n = root.get(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return map;
    }
    if (!n.isObject()) {
      throw new ProtocolException("bad_message", field + " must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new ProtocolException("bad_message", field + "." + e.getKey() + " must be a string");
      }
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }

  private static JsonNode object(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isObject()) {
      throw new ProtocolException("bad_message", "missing or non-object field: " + field);
    }
    return n;
  }

  private static JsonNode array(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isArray()) {
      throw new ProtocolException("bad_message", "missing or non-array field: " + field);
    }
    return n;
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isTextual()) {
      throw new ProtocolException("bad_message", "missing or non-string field: " + field);
    }
    return n.asText();
  }

  private static String optText(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return "";
    }
    if (!n.isTextual()) {
      throw new ProtocolException("bad_message", "field must be a string: " + field);
    }
    return n.asText();
  }

  private static long longValue(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new ProtocolException("bad_message", "missing or non-integer field: " + field);
    }
    return n.asLong();
  }

  private static long optLong(JsonNode root, String field) {
    return root.has(field) && !root.get(field).isNull() ? longValue(root, field) : 0L;
  }

  private static int integer(JsonNode root, String field) {
    long v = longValue(root, field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new ProtocolException("bad_message", "field out of range: " + field);
    }
    return (int) v;
  }
}
