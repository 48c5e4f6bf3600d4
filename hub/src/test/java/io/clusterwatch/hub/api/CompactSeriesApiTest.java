package io.clusterwatch.hub.api;

import static io.clusterwatch.hub.support.Scenario.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.support.MutableClock;
import io.clusterwatch.hub.support.StreamedJob;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/series} with {@code max_points}, {@code format=compact} and {@code bands}
 * against a hub fed five minutes of varying values by a real agent connection, so that the 10 s and
 * 60 s rollups hold min, average and max that differ.
 */
@ExtendWith(VertxExtension.class)
class CompactSeriesApiTest {
  private static final int FRAMES = 300;
  private static final long TO = T0 + FRAMES * 1000L;

  private TestHub hub;
  private TestAgent agent;

  @BeforeEach
  void start(Vertx vertx) {
    hub = new TestHub(vertx, HubConfig.defaults(), new MutableClock(TO + 1000));
    // Values with many digits (sevenths and elevenths) that float32 cannot hold exactly.
    agent = StreamedJob.stream(hub, FRAMES, seq -> (seq % 7) / 7.0 + (seq % 11) / 110.0);
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  private JsonObject series(String scope, String metric, int maxPoints, String extra) {
    TestHub.Response r =
        hub.get(
            "/api/v1/series?"
                + scope
                + "&metric="
                + metric
                + "&from="
                + T0
                + "&to="
                + TO
                + "&max_points="
                + maxPoints
                + extra);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  @Test
  void noSeriesHasMorePointsThanAskedFor() {
    for (int max : new int[] {1, 2, 3, 7, 20, 31, 100, 301, 1000}) {
      for (String format : new String[] {"json", "compact"}) {
        JsonObject body = series("host=node-a", "gpu_utilization_ratio", max, "&format=" + format);
        JsonArray list = body.getJsonArray("series");
        assertEquals(2, list.size(), "both GPUs");
        for (Object o : list) {
          JsonObject s = (JsonObject) o;
          int points =
              format.equals("json") ? s.getJsonArray("timestamps").size() : s.getInteger("count");
          assertTrue(points <= max, points + " points for max_points=" + max + " " + format);
          assertTrue(points >= 1, "max_points=" + max + " " + format);
        }
      }
    }
    // Five minutes at 1 s fit 301 points: the raw tier answers.
    assertEquals(1000, series("host=node-a", "gpu_utilization_ratio", 301, "").getLong("step_ms"));
    assertTrue(series("host=node-a", "gpu_utilization_ratio", 100, "").getLong("step_ms") > 1000);
  }

  @Test
  void compactValuesAreTheJsonFormsFloatsAtTheSameTimes() {
    for (String scope : new String[] {"host=node-a", "job=4711"}) {
      for (String metric :
          new String[] {
            "gpu_utilization_ratio", "gpu_memory_used_bytes", "disk_read_bytes_total"
          }) {
        for (int max : new int[] {2, 7, 40, 301}) {
          JsonObject json = series(scope, metric, max, "");
          JsonObject compact = series(scope, metric, max, "&format=compact&bands=true");
          assertEquals("compact", compact.getString("format"));
          assertEquals(json.getLong("step_ms"), compact.getLong("step_ms"));
          JsonArray js = json.getJsonArray("series");
          JsonArray cs = compact.getJsonArray("series");
          assertEquals(js.size(), cs.size());
          assertFalse(js.isEmpty(), scope + " " + metric);
          for (int i = 0; i < js.size(); i++) {
            JsonObject j = js.getJsonObject(i);
            JsonObject c = cs.getJsonObject(i);
            String what = scope + " " + metric + " max_points=" + max;
            assertEquals(j.getString("host"), c.getString("host"));
            assertEquals(j.getJsonObject("labels"), c.getJsonObject("labels"));
            assertEquals(j.getString("source"), c.getString("source"));
            assertEquals(j.getLong("step_ms"), c.getLong("step_ms"));
            int n = c.getInteger("count");
            assertEquals(j.getJsonArray("timestamps").size(), n, what);
            for (int k = 0; k < n; k++) {
              assertEquals(
                  j.getJsonArray("timestamps").getLong(k),
                  c.getLong("start_ms") + k * c.getLong("step_ms"),
                  what);
            }
            assertNull(c.getValue("timestamps"), "evenly spaced points list no timestamps");
            assertSameFloats(j.getJsonArray("values"), decode(c.getString("values"), n), what);
            assertEquals(j.containsKey("min"), c.containsKey("min"), what);
            if (j.containsKey("min")) {
              assertSameFloats(j.getJsonArray("min"), decode(c.getString("min"), n), what);
              assertSameFloats(j.getJsonArray("max"), decode(c.getString("max"), n), what);
            }
          }
        }
      }
    }
  }

  @Test
  void rollupsCarryBandsOnlyWhenAskedFor() {
    JsonObject withBands = series("host=node-a", "gpu_utilization_ratio", 7, "&format=compact");
    JsonObject s = withBands.getJsonArray("series").getJsonObject(0);
    assertTrue(s.getLong("step_ms") >= 60_000, "a rollup: " + s);
    float[] min = decode(s.getString("min"), s.getInteger("count"));
    float[] avg = decode(s.getString("values"), s.getInteger("count"));
    float[] max = decode(s.getString("max"), s.getInteger("count"));
    boolean differ = false;
    for (int k = 0; k < avg.length; k++) {
      assertTrue(min[k] <= avg[k] && avg[k] <= max[k], "min <= avg <= max at " + k);
      differ |= min[k] < max[k];
    }
    assertTrue(differ, "varying values give bands");

    for (String format : new String[] {"json", "compact"}) {
      JsonObject without =
          series("host=node-a", "gpu_utilization_ratio", 7, "&format=" + format + "&bands=false")
              .getJsonArray("series")
              .getJsonObject(0);
      assertFalse(without.containsKey("min"), format + ": " + without);
      assertFalse(without.containsKey("max"), format);
    }
  }

  @Test
  void badFormatOrBandsIsNamed() {
    for (String[] bad :
        new String[][] {
          {"&format=binary", "'format'"}, {"&bands=yes", "'bands'"}, {"&bands=", "'bands'"}
        }) {
      TestHub.Response r =
          hub.get("/api/v1/series?host=node-a&metric=gpu_utilization_ratio" + bad[0]);
      assertEquals(400, r.status(), bad[0]);
      assertTrue(r.json().getString("error").contains(bad[1]), r.body());
    }
  }

  /** The decoder of docs/API.md: base64, then 4 little-endian bytes per float32. */
  static float[] decode(String base64, int count) {
    ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
    assertEquals(4 * count, buf.remaining(), "4 bytes per point");
    buf.order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = buf.getFloat();
    }
    return out;
  }

  /** The JSON form prints each float32 at its shortest; null is a gap, NaN in the compact form. */
  private static void assertSameFloats(JsonArray json, float[] compact, String what) {
    assertEquals(json.size(), compact.length, what);
    for (int k = 0; k < compact.length; k++) {
      Object v = json.getValue(k);
      if (v == null) {
        assertTrue(Float.isNaN(compact[k]), what + " gap at " + k);
      } else {
        assertEquals(
            Float.floatToIntBits(Float.parseFloat(v.toString())),
            Float.floatToIntBits(compact[k]),
            what + " at " + k);
      }
    }
  }
}
