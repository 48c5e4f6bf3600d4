package io.clusterwatch.hub.bench;

import io.clusterwatch.hub.api.SeriesJson;
import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.SeriesQuery;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.Labels;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bytes of the /api/v1/series bodies of a 64-GPU job page over 24 h (the queries of {@link
 * StoreQueryBenchmark}), with values printed as float32 shortest decimals (what the hub sends) and
 * as the widened doubles (what it sent before), and the encoding time. Run as a program: see
 * docs/benchmarks/rules-hub.md.
 */
public final class SeriesJsonSizeBenchmark {
  private SeriesJsonSizeBenchmark() {}

  public static void main(String[] args) {
    int maxPoints = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());
    long toMs = StoreQueryBenchmark.fill(store);
    long fromMs = toMs - 86_400_000L;
    long compact = 0;
    long widened = 0;
    long encodeNs = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      compact = 0;
      widened = 0;
      long started = System.nanoTime();
      for (int h = 0; h < 8; h++) {
        for (List<String> metrics :
            List.of(SyntheticNode.GPU_METRICS, SyntheticNode.HOST_PANEL_METRICS)) {
          for (String metric : metrics) {
            JsonArray series = new JsonArray();
            List<SeriesData> data =
                store.query(
                    new SeriesQuery(
                        StoreFiller.hostName(h), metric, Labels.EMPTY, fromMs, toMs, maxPoints));
            for (SeriesData d : data) {
              series.add(SeriesJson.of(d));
            }
            compact += body(series).length;
          }
        }
      }
      encodeNs = Math.min(encodeNs, System.nanoTime() - started);
      for (int h = 0; h < 8; h++) {
        for (List<String> metrics :
            List.of(SyntheticNode.GPU_METRICS, SyntheticNode.HOST_PANEL_METRICS)) {
          for (String metric : metrics) {
            JsonArray series = new JsonArray();
            for (SeriesData d :
                store.query(
                    new SeriesQuery(
                        StoreFiller.hostName(h), metric, Labels.EMPTY, fromMs, toMs, maxPoints))) {
              series.add(widened(d));
            }
            widened += body(series).length;
          }
        }
      }
    }
    System.out.printf(
        "max_points=%d: float32 shortest %.2f MiB, widened doubles %.2f MiB (%.1f x), "
            + "query+encode %.0f ms (best of 5)%n",
        maxPoints,
        compact / 1048576.0,
        widened / 1048576.0,
        (double) widened / compact,
        encodeNs / 1e6);
  }

  private static byte[] body(JsonArray series) {
    return new JsonObject().put("series", series).encode().getBytes(StandardCharsets.UTF_8);
  }

  /** The former encoding: every value as its double. */
  private static JsonObject widened(SeriesData d) {
    JsonObject o = JsonObject.mapFrom(SeriesJson.of(d));
    o.put("values", doubles(d.avg()));
    if (o.containsKey("min")) {
      o.put("min", doubles(d.min())).put("max", doubles(d.max()));
    }
    return o;
  }

  private static JsonArray doubles(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) {
      a.add(Double.isFinite(v) ? v : null);
    }
    return a;
  }
}
