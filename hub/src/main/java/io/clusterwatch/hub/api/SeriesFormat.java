package io.clusterwatch.hub.api;

/** How {@code GET /api/v1/series} writes its points (docs/API.md, "Compact series"). */
public enum SeriesFormat {
  /** Arrays of timestamps and decimal values, null for a gap. */
  JSON,
  /** A start, a step and the float32 values as base64 little-endian bytes, NaN for a gap. */
  COMPACT;

  static SeriesFormat parse(String value) {
    if (value == null || value.equals("json")) {
      return JSON;
    }
    if (value.equals("compact")) {
      return COMPACT;
    }
    throw new ApiException(
        400,
        "parameter 'format' must be json or compact, got '"
            + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
            + "'");
  }
}
