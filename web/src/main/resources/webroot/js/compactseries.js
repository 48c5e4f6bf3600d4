// The compact form of GET /api/v1/series (docs/API.md, "Compact series"): each series' float32
// values as base64 of their little-endian bytes, NaN for a gap, at start_ms + i * step_ms unless
// the series lists its timestamps. Decoded here into the JSON form's shape: {timestamps, values}
// with null for a gap, and min/max when the hub sent them.

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The float32 values of a base64 string of `count` little-endian floats. */
export function float32FromBase64(b64, count) {
  const bin = atob(b64);
  if (bin.length !== count * 4) {
    throw new Error('compact series: ' + bin.length + ' bytes of values for ' + count + ' points');
  }
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  if (LITTLE_ENDIAN) return new Float32Array(bytes.buffer);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/** Plain numbers with null for a gap (NaN), as the JSON form has them. */
function withGaps(floats) {
  const out = new Array(floats.length);
  for (let i = 0; i < floats.length; i++) {
    const v = floats[i];
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/** One compact series as {host, labels, unit, step_ms, source, timestamps, values[, min, max]}. */
export function decodeCompactSeries(s) {
  const n = s.count;
  let timestamps = s.timestamps;
  if (!Array.isArray(timestamps)) {
    timestamps = new Array(n);
    for (let i = 0; i < n; i++) timestamps[i] = s.start_ms + i * s.step_ms;
  } else if (timestamps.length !== n) {
    throw new Error('compact series: ' + timestamps.length + ' timestamps for ' + n + ' points');
  }
  const out = {
    host: s.host,
    labels: s.labels,
    unit: s.unit,
    step_ms: s.step_ms,
    source: s.source,
    timestamps,
    values: withGaps(float32FromBase64(s.values, n)),
  };
  if (typeof s.min === 'string' && typeof s.max === 'string') {
    out.min = withGaps(float32FromBase64(s.min, n));
    out.max = withGaps(float32FromBase64(s.max, n));
  }
  return out;
}

/** A /api/v1/series body in the JSON form's shape, whichever form the hub answered in. */
export function decodeSeriesBody(body) {
  if (!body || body.format !== 'compact') return body;
  const { format, ...rest } = body;
  return { ...rest, series: (body.series || []).map(decodeCompactSeries) };
}
