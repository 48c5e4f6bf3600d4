package io.clusterwatch.hub.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.store.ColumnarSampleStore;
import io.clusterwatch.hub.store.HostAppender;
import io.clusterwatch.hub.store.SeriesData;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.protocol.DataFrame;
import io.clusterwatch.protocol.DataFrameCodec;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricType;
import io.clusterwatch.protocol.SeriesDescriptor;
import io.clusterwatch.protocol.SeriesTable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-job series ({@code job_id} label) belong to the job they name, by id, SLUID or pod UID. */
class JobSeriesTest {
  static final String H = "gpu01";
  static final long T0 = 1_790_000_000_000L;
  static final SeriesTable TABLE =
      new SeriesTable(
          1,
          List.of(
              SeriesDescriptor.of(
                  "job_memory_bytes", Labels.of("job_id", "4242"), MetricType.GAUGE),
              SeriesDescriptor.of(
                  "job_memory_bytes", Labels.of("job_id", "4243"), MetricType.GAUGE),
              SeriesDescriptor.of(
                  "job_memory_bytes",
                  Labels.of("job_id", "1c1e6e7b-3f0a-4b8e-9d2c-5a6f7e8d9c0b"),
                  MetricType.GAUGE),
              SeriesDescriptor.of("memory_MemTotal_bytes", Labels.EMPTY, MetricType.GAUGE)));

  final ColumnarSampleStore store = new ColumnarSampleStore(StoreConfig.defaults());

  JobSeriesTest() {
    for (int s = 0; s < 10; s++) {
      DataFrame f = DataFrame.empty(1, s + 1, T0 + s * 1000L, TABLE.size());
      for (int i = 0; i < TABLE.size(); i++) {
        f.setGauge(i, 1000.0 * (i + 1));
      }
      HostAppender a = store.appender(H, TABLE);
      DataFrameCodec.decode(
          ByteBuffer.wrap(DataFrameCodec.encode(f)), TABLE, a.begin(T0 + s * 1000L));
      a.commit();
    }
  }

  private static Job job(String id, Map<String, String> attributes) {
    return new Job(
        id,
        "alice",
        "train",
        attributes,
        JobState.RUNNING,
        T0,
        0,
        "test",
        List.of(new Allocation(id, H, "GPU-a", T0, Allocation.OPEN)));
  }

  private List<String> jobIdsOf(Job job, String metric) {
    return new JobSeries(store)
        .query(job, metric, Labels.EMPTY, T0, T0 + 10_000, 100).stream()
            .map(SeriesData::key)
            .map(k -> String.valueOf(k.labels().get("job_id")))
            .toList();
  }

  @Test
  void aJobSeesItsOwnSeriesOnlyAndTheNodesSeries() {
    assertEquals(List.of("4242"), jobIdsOf(job("4242", Map.of()), "job_memory_bytes"));
    assertEquals(List.of("null"), jobIdsOf(job("4242", Map.of()), "memory_MemTotal_bytes"));
  }

  @Test
  void slurmSluidAndPodUidAttributesNameTheSameJob() {
    assertEquals(
        List.of("4243"),
        jobIdsOf(job("4243", Map.of("sluid", "s5K1KKYAYG5D00")), "job_memory_bytes"));
    assertEquals(
        List.of("1c1e6e7b-3f0a-4b8e-9d2c-5a6f7e8d9c0b"),
        jobIdsOf(
            job("team-a/trainer-0", Map.of("pod_uid", "1c1e6e7b-3f0a-4b8e-9d2c-5a6f7e8d9c0b")),
            "job_memory_bytes"));
    assertEquals(List.of(), jobIdsOf(job("9999", Map.of()), "job_memory_bytes"));
  }
}
