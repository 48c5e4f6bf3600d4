package io.clusterwatch.protocol;

import io.clusterwatch.protocol.message.Ack;
import io.clusterwatch.protocol.message.ErrorMessage;
import io.clusterwatch.protocol.message.Hello;
import io.clusterwatch.protocol.message.JobEvent;
import io.clusterwatch.protocol.message.JobInfo;
import io.clusterwatch.protocol.message.JobSnapshot;
import io.clusterwatch.protocol.message.Schema;
import io.clusterwatch.protocol.message.Welcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values behind the golden files in src/test/resources/golden. */
public final class GoldenFiles {
  private GoldenFiles() {}

  public static SeriesTable table() {
    return new SeriesTable(
        3,
        List.of(
            SeriesDescriptor.of(
                "disk_read_bytes_total", Labels.of("device", "nvme0n1"), MetricType.COUNTER),
            SeriesDescriptor.of(
                "gpu_utilization_ratio",
                Labels.of("gpu", "0", "gpu_uuid", "GPU-5c2a1f0e-0000-4000-8000-000000000000"),
                MetricType.GAUGE),
            SeriesDescriptor.of(
                "cpu_seconds_total",
                Labels.of("cpu", "0", "mode", "user"),
                MetricType.COUNTER,
                0.01)));
  }

  public static DataFrame dataFrame() {
    DataFrame f = DataFrame.empty(3, 42, 1764072000000L, 3);
    f.set(0, 0xFFFF_FFFF_FFFF_FFF0L); // near the top of the u64 range: must travel unsigned
    f.setGauge(1, 0.97);
    // position 2 absent: a gap, not a zero
    return f;
  }

  public static Hello hello() {
    return new Hello(
        1,
        "gpu-node-01",
        "gpu-node-01/6f1c",
        "6f1c2d3e-4b5a-4c6d-8e7f-001122334455",
        1000,
        "",
        41,
        "0.1.0",
        table(),
        Map.of("kernel", "6.1.0-27-amd64"));
  }

  public static Schema schema() {
    return new Schema(table());
  }

  public static Welcome welcome() {
    return new Welcome(41, 1764072000123L, true);
  }

  public static Ack ack() {
    return new Ack(42);
  }

  public static ErrorMessage error() {
    return new ErrorMessage(
        "bad_frame_length", "data frame has 2 values but the series table has 3");
  }

  public static JobInfo job() {
    return new JobInfo(
        "4711",
        "alice",
        "llama3-8b-finetune",
        List.of("GPU-5c2a1f0e-0000-4000-8000-000000000000"),
        1764071000000L,
        "slurm: cgroup + NVML process list agree",
        Map.of("account", "cs-ml-2026"));
  }

  public static JobEvent jobEvent() {
    return new JobEvent(JobEvent.STARTED, 1764071000000L, job());
  }

  public static JobSnapshot jobSnapshot() {
    return new JobSnapshot(1764072000000L, List.of(job()));
  }

  /** Golden JSON file name to the message it holds. */
  public static Map<String, io.clusterwatch.protocol.message.ControlMessage> messages() {
    Map<String, io.clusterwatch.protocol.message.ControlMessage> m = new LinkedHashMap<>();
    m.put("hello.v1.json", hello());
    m.put("schema.v1.json", schema());
    m.put("welcome.v1.json", welcome());
    m.put("ack.v1.json", ack());
    m.put("error.v1.json", error());
    m.put("job-event.v1.json", jobEvent());
    m.put("job-snapshot.v1.json", jobSnapshot());
    return m;
  }

  public static String text(String name) {
    try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a hex golden file: hex digits, whitespace ignored, '#' starts a comment to end of line.
   */
  public static byte[] hex(String name) {
    StringBuilder digits = new StringBuilder();
    for (String line : text(name).split("\n")) {
      int hash = line.indexOf('#');
      digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
