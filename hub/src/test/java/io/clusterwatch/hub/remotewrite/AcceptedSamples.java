package io.clusterwatch.hub.remotewrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a receiver accepted (2xx answers only), per series in order of arrival: refused requests
 * were not stored by the database, so they do not count.
 */
final class AcceptedSamples {
  private final ScriptedWriteServer server;
  private final Map<Map<String, String>, List<Long>> timestamps = new LinkedHashMap<>();
  private int requestsRefused;

  AcceptedSamples(ScriptedWriteServer server) {
    this.server = server;
  }

  /**
   * Takes requests until {@code series} has {@code count} samples, each waited for at most 10 s.
   */
  void awaitCount(Map<String, String> series, int count) throws InterruptedException {
    while (timestamps(series).size() < count) {
      take(server.next());
    }
  }

  /** Takes requests until {@code count} samples were accepted in all. */
  void awaitTotal(long count) throws InterruptedException {
    while (total() < count) {
      take(server.next());
    }
  }

  /** Takes requests until one is refused. */
  void awaitRefusal() throws InterruptedException {
    int before = requestsRefused;
    while (requestsRefused == before) {
      take(server.next());
    }
  }

  /** Takes whatever else arrives within {@code ms} of the previous request. */
  void drain(long ms) throws InterruptedException {
    for (var r = server.nextWithin(ms); r != null; r = server.nextWithin(ms)) {
      take(r);
    }
  }

  private void take(ScriptedWriteServer.Received r) {
    if (r.status() / 100 != 2) {
      requestsRefused++;
      return;
    }
    for (DecodedWriteRequest.Series s : r.request().series()) {
      List<Long> ts = timestamps.computeIfAbsent(s.labels(), k -> new ArrayList<>());
      for (int i = 0; i < s.points().size(); i++) {
        ts.add(s.timestamp(i));
      }
    }
  }

  /** The accepted timestamps of the series with exactly {@code labels}, in order of arrival. */
  List<Long> timestamps(Map<String, String> labels) {
    return timestamps.getOrDefault(labels, List.of());
  }

  Map<Map<String, String>, List<Long>> all() {
    return timestamps;
  }

  long total() {
    return timestamps.values().stream().mapToLong(List::size).sum();
  }
}
