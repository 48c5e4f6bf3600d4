package io.clusterwatch.hub.api;

import io.clusterwatch.common.config.Durations;
import io.clusterwatch.hub.archive.JobCursor;
import io.clusterwatch.hub.archive.JobFilter;
import io.clusterwatch.hub.jobs.JobState;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated parameters of {@code GET /api/v1/jobs}. Every problem is a 400 naming the
 * parameter.
 */
record JobListParams(JobFilter filter, JobCursor cursor, int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Set<String> KNOWN =
      Set.of("state", "user", "account", "partition", "since", "until", "limit", "cursor");
  private static final Pattern EPOCH_MS = Pattern.compile("\\d{1,15}");
  private static final Pattern WEEKS = Pattern.compile("(\\d+)w");

  static JobListParams parse(MultiMap params, long nowMs) {
    for (String name : params.names()) {
      if (!KNOWN.contains(name)) {
        throw bad(
            "unknown parameter '"
                + name
                + "'; known: "
                + String.join(", ", KNOWN.stream().sorted().toList()));
      }
      if (params.getAll(name).size() > 1) {
        throw bad("parameter '" + name + "' is given more than once");
      }
    }
    JobState state = null;
    String stateText = params.get("state");
    if (stateText != null) {
      state = JobState.fromWireName(stateText);
      if (state == null) {
        throw bad("parameter 'state' must be running or finished");
      }
    }
    Long since = time(params, "since", nowMs);
    Long until = time(params, "until", nowMs);
    int limit = DEFAULT_LIMIT;
    String limitText = params.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw bad(
            "parameter 'limit' must be a whole number from 1 to "
                + MAX_LIMIT
                + ", got '"
                + limitText
                + "'");
      }
    }
    JobCursor cursor = null;
    String cursorText = params.get("cursor");
    if (cursorText != null) {
      try {
        cursor = JobCursor.decode(cursorText);
      } catch (IllegalArgumentException e) {
        throw bad("parameter 'cursor' is not a next_cursor this hub gave out");
      }
    }
    return new JobListParams(
        new JobFilter(
            state,
            text(params, "user"),
            text(params, "account"),
            text(params, "partition"),
            since,
            until),
        cursor,
        limit);
  }

  private static String text(MultiMap params, String name) {
    String v = params.get(name);
    if (v != null && v.isEmpty()) {
      throw bad("parameter '" + name + "' must not be empty");
    }
    return v;
  }

  /**
   * A time: ms since the epoch, ISO-8601 ({@code 2025-11-25T09:00:00Z}, with an offset, or a date,
   * taken as midnight UTC), or a span before now ({@code 90m}, {@code 12h}, {@code 7d}, {@code
   * 2w}).
   */
  static Long time(MultiMap params, String name, long nowMs) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    if (EPOCH_MS.matcher(v).matches()) {
      return Long.parseLong(v);
    }
    var weeks = WEEKS.matcher(v);
    if (weeks.matches()) {
      return nowMs - Long.parseLong(weeks.group(1)) * 7 * 86_400_000L;
    }
    try {
      return nowMs - Durations.parse(v).toMillis();
    } catch (IllegalArgumentException | ArithmeticException notADuration) {
      // an absolute time, then
    }
    try {
      return OffsetDateTime.parse(v).toInstant().toEpochMilli();
    } catch (DateTimeParseException notWithOffset) {
      // a date alone, then
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw bad(
          "parameter '"
              + name
              + "' must be ms since the epoch, an ISO-8601 time such as "
              + Instant.ofEpochMilli(nowMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + ", or a span before now such as 12h or 7d; got '"
              + v
              + "'");
    }
  }

  private static ApiException bad(String message) {
    return new ApiException(400, message);
  }
}
