package io.clusterwatch.hub.api;

import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.MetricNames;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The validated parameters of {@code GET /api/v1/series}. Every problem is a 400 naming the
 * parameter.
 *
 * @param host the host, or null when {@code job} is given
 * @param job the job id, or null when {@code host} is given
 * @param format how the points are written ({@code format}, default {@code json})
 * @param bands whether rollup points carry their min and max ({@code bands}, default true)
 */
public record SeriesParams(
    String host,
    String job,
    String metric,
    Labels labels,
    long fromMs,
    long toMs,
    int maxPoints,
    SeriesFormat format,
    boolean bands) {
  static final long DEFAULT_RANGE_MS = 15 * 60_000L;
  static final int DEFAULT_MAX_POINTS = 600;
  static final int MAX_POINTS = 10_000;
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final String LABEL_PREFIX = "label.";

  static SeriesParams parse(MultiMap params, long nowMs) {
    String host = single(params, "host");
    String job = single(params, "job");
    if ((host == null) == (job == null)) {
      throw bad(
          host == null
              ? "parameter 'host' or 'job' is required"
              : "parameters 'host' and 'job' exclude each other; give one");
    }
    if (host != null && host.isEmpty()) {
      throw bad("parameter 'host' must not be empty");
    }
    if (job != null && job.isEmpty()) {
      throw bad("parameter 'job' must not be empty");
    }
    String metric = single(params, "metric");
    if (metric == null) {
      throw bad("parameter 'metric' is required");
    }
    if (!MetricNames.isValidName(metric)) {
      throw bad("parameter 'metric' is not a valid metric name");
    }
    Map<String, String> labels = new TreeMap<>();
    for (String name : params.names()) {
      if (name.startsWith(LABEL_PREFIX)) {
        String label = name.substring(LABEL_PREFIX.length());
        if (!LABEL_NAME.matcher(label).matches()) {
          throw bad("parameter '" + name + "' does not name a valid label");
        }
        String value = single(params, name);
        if (value == null || value.isEmpty()) {
          throw bad("parameter '" + name + "' needs a value");
        }
        labels.put(label, value);
      } else if (!isKnown(name)) {
        throw bad("unknown parameter '" + name + "'");
      }
    }
    long to = longParam(params, "to", nowMs);
    long from = longParam(params, "from", to - DEFAULT_RANGE_MS);
    if (from > to) {
      throw bad("parameter 'from' must not be after 'to'");
    }
    long maxPoints = longParam(params, "max_points", DEFAULT_MAX_POINTS);
    if (maxPoints < 1 || maxPoints > MAX_POINTS) {
      throw bad("parameter 'max_points' must be between 1 and " + MAX_POINTS);
    }
    SeriesFormat format = SeriesFormat.parse(single(params, "format"));
    boolean bands = booleanParam(params, "bands", true);
    return new SeriesParams(
        host, job, metric, Labels.of(labels), from, to, (int) maxPoints, format, bands);
  }

  private static boolean isKnown(String name) {
    switch (name) {
      case "host":
      case "job":
      case "metric":
      case "from":
      case "to":
      case "max_points":
      case "format":
      case "bands":
        return true;
      default:
        return false;
    }
  }

  private static String single(MultiMap params, String name) {
    if (params.getAll(name).size() > 1) {
      throw bad("parameter '" + name + "' is given more than once");
    }
    return params.get(name);
  }

  private static long longParam(MultiMap params, String name, long def) {
    String v = single(params, name);
    if (v == null) {
      return def;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw bad("parameter '" + name + "' must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad("parameter '" + name + "' must be an integer, got '" + abbreviate(v) + "'");
    }
  }

  private static boolean booleanParam(MultiMap params, String name, boolean def) {
    String v = single(params, name);
    if (v == null) {
      return def;
    }
    switch (v) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw bad("parameter '" + name + "' must be true or false, got '" + abbreviate(v) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static ApiException bad(String message) {
    return new ApiException(400, message);
  }
}
