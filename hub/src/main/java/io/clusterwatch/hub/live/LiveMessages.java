package io.clusterwatch.hub.live;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.clusterwatch.hub.rules.AlertJson;
import java.util.List;
import java.util.Map;

/** The messages the hub sends on /live (docs/API.md, "Live push"), each with its {@code type}. */
final class LiveMessages {
  private LiveMessages() {}

  /** The view's current state, right after a subscription. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder("type")
  record Snapshot(String view, long timeMs, Object data) {
    @JsonProperty("type")
    String type() {
      return "snapshot";
    }
  }

  /**
   * What changed since the last message.
   *
   * @param timeMs the newest sample in the message
   * @param sentMs when the hub sent it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder("type")
  record Delta(String view, long timeMs, long sentMs, Object data) {
    @JsonProperty("type")
    String type() {
      return "delta";
    }
  }

  /** The alerts of the view. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder("type")
  record Alerts(long timeMs, List<AlertJson> alerts) {
    @JsonProperty("type")
    String type() {
      return "alerts";
    }
  }

  /** A request the hub could not serve. */
  @JsonPropertyOrder("type")
  record ErrorReply(String error) {
    @JsonProperty("type")
    String type() {
      return "error";
    }
  }

  /** The data of a node or job snapshot. */
  record SeriesList(List<Latest> series) {}

  /** The data of a node or job delta. */
  record PointList(List<Point> points) {}

  /**
   * A series of a snapshot with its latest value.
   *
   * @param value null for a gap
   * @param t the value's time in ms, null when nothing was stored yet
   */
  record Latest(String host, String metric, Map<String, String> labels, Double value, Long t) {}

  /** One point of a delta: value {@code v} at {@code t} ms. */
  record Point(String host, String metric, Map<String, String> labels, long t, double v) {}
}
