package io.clusterwatch.e2e.remotewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.store.SeriesData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Compares what a hub holds with what it reads back from, or exported to, a database. */
final class HubAndDatabaseValues {
  private HubAndDatabaseValues() {}

  /**
   * Each value of {@code s} (from the database) equals hub b's raw value of the same second, to the
   * float32 precision the hub keeps; a tick near a second's edge may sit in the next slot, and a
   * second that received two ticks is their mean.
   */
  static void assertSameValues(SeriesData own, JsonObject s) {
    JsonArray ts = s.getJsonArray("timestamps");
    JsonArray values = s.getJsonArray("values");
    int compared = 0;
    for (int i = 0; i < ts.size(); i++) {
      if (values.getValue(i) == null) {
        continue;
      }
      double v = values.getDouble(i);
      boolean found = false;
      for (int k = 0; k < own.timestampsMs().length; k++) {
        long d = own.timestampsMs()[k] - ts.getLong(i);
        if (d >= -1000 && d <= 1000 && Math.abs(own.avg()[k] - v) <= 1e-6) {
          found = true;
        }
        // two ticks in one second of the database (agent jitter): avg_over_time gives their mean
        if (d >= -2000
            && d <= 1000
            && k + 1 < own.avg().length
            && Math.abs((own.avg()[k] + own.avg()[k + 1]) / 2 - v) <= 1e-6) {
          found = true;
        }
      }
      assertTrue(
          found,
          "hub b has no "
              + v
              + " near "
              + ts.getLong(i)
              + ": "
              + java.util.Arrays.toString(own.avg()));
      compared++;
    }
    assertTrue(compared >= 10, "points compared: " + compared + " in " + s.encode());
  }

  /**
   * The one raw sample of {@code exported} in {@code [fromMs, toMs)} ({@code avg_over_time} of one
   * sample).
   */
  static double sampleIn(JsonObject exported, long fromMs, long toMs) {
    JsonArray ts = exported.getJsonArray("timestamps");
    double sum = 0;
    int n = 0;
    for (int i = 0; i < ts.size(); i++) {
      // avg_over_time's window is (end - step, end]
      if (ts.getLong(i) > fromMs && ts.getLong(i) <= toMs) {
        sum += exported.getJsonArray("values").getDouble(i);
        n++;
      }
    }
    assertTrue(n > 0, "VictoriaMetrics has no sample in (" + fromMs + ", " + toMs + "]");
    return sum / n;
  }

  static int countFinite(double[] values) {
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }
}
