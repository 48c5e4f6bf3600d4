package io.clusterwatch.hub.api;

import io.clusterwatch.hub.cluster.Json;
import io.clusterwatch.hub.store.SeriesData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;

/** One series of {@code GET /api/v1/series} (docs/API.md). */
public final class SeriesJson {
  private SeriesJson() {}

  public static JsonObject of(SeriesData d) {
    JsonArray ts = new JsonArray(new ArrayList<>(d.timestampsMs().length));
    for (long t : d.timestampsMs()) {
      ts.add(t);
    }
    JsonObject o = new JsonObject()
        .put("host", d.host())
        .put("labels", Json.labels(d.key().labels()))
        .put("unit", d.unit())
        .put("step_ms", d.stepMs())
        .put("timestamps", ts)
        .put("values", numbers(d.avg()));
    if (d.min() != d.avg() || d.max() != d.avg()) {
      o.put("min", numbers(d.min())).put("max", numbers(d.max()));
    }
    return o;
  }

  /**
   * The store keeps float32 values: each is printed with the shortest decimal that reads back as the
   * same float ({@link Float#toString}), not the 17 digits of its widened double; gaps are null.
   */
  static JsonArray numbers(double[] values) {
    JsonArray a = new JsonArray(new ArrayList<>(values.length));
    for (double v : values) {
      a.add(Double.isFinite(v) ? (Object) Float.valueOf((float) v) : null);
    }
    return a;
  }
}
