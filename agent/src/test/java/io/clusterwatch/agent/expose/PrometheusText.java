package io.clusterwatch.agent.expose;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes metric families in the Prometheus text format 0.0.4 with the client library's own writer,
 * the reference that {@link TickTextWriter} is compared with.
 */
final class PrometheusText {
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  void write(OutputStream out, MetricSnapshots snapshots) throws IOException {
    // Our names are valid legacy names, so no escaping scheme changes them.
    writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
  }
}
