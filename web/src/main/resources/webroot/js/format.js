// Number and time formatting for the dashboard. Every function returns a string and shows
// missing values (null, undefined, NaN) as an en dash rather than a made-up zero.

export const MISSING = '\u2013';

export function isNumber(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

/** 0..1 ratio as a percentage: 0.973 -> "97 %", below 10 % with one decimal. */
export function percent(ratio) {
  if (!isNumber(ratio)) return MISSING;
  const p = ratio * 100;
  return (Math.abs(p) < 10 && p !== 0 ? p.toFixed(1) : p.toFixed(0)) + ' %';
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

function scaled(v, base, units) {
  let i = 0;
  let x = Math.abs(v);
  while (x >= base && i < units.length - 1) {
    x /= base;
    i++;
  }
  const digits = x >= 100 || i === 0 ? 0 : x >= 10 ? 1 : 2;
  return (v < 0 ? '-' : '') + x.toFixed(digits) + ' ' + units[i];
}

/** Memory sizes in binary units (GPU and host memory are reported in MiB/GiB by NVML and free). */
export function bytes(v) {
  return isNumber(v) ? scaled(v, 1024, BINARY_UNITS) : MISSING;
}

/** Throughput in decimal units per second, as iostat -m and link rates are quoted. */
export function bytesPerSecond(v) {
  return isNumber(v) ? scaled(v, 1000, DECIMAL_UNITS) + '/s' : MISSING;
}

export function watts(v) {
  return isNumber(v) ? v.toFixed(0) + ' W' : MISSING;
}

export function celsius(v) {
  return isNumber(v) ? v.toFixed(0) + ' \u00b0C' : MISSING;
}

/** A plain number with a fixed count of decimals. */
export function fixed(v, digits) {
  return isNumber(v) ? v.toFixed(digits) : MISSING;
}

/** Milliseconds as people say a duration (as the hub's alert texts): "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function duration(ms) {
  if (!isNumber(ms) || ms < 0) return MISSING;
  const s = Math.floor(ms / 1000);
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min';
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? h + ' h ' + (m % 60) + ' min' : h + ' h';
  const d = Math.floor(h / 24);
  return h % 24 ? d + ' d ' + (h % 24) + ' h' : d + ' d';
}

/** Minutes with one decimal under 10, whole minutes above. */
export function minutes(v) {
  if (!isNumber(v)) return MISSING;
  return (v < 10 ? v.toFixed(1) : v.toFixed(0)) + ' min';
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

/** Local wall-clock time of an epoch-ms timestamp: "14:03:07". */
export function clock(ms) {
  if (!isNumber(ms)) return MISSING;
  const d = new Date(ms);
  return pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds());
}

/** Local date and time: "2026-11-25 14:03". */
export function dateTime(ms) {
  if (!isNumber(ms)) return MISSING;
  const d = new Date(ms);
  return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate()) + ' '
    + pad2(d.getHours()) + ':' + pad2(d.getMinutes());
}

/** Formatter for a chart axis or tooltip, chosen by the panel's unit. */
export function byUnit(unit) {
  switch (unit) {
    case 'ratio': return percent;
    case 'bytes': return bytes;
    case 'bytes/s': return bytesPerSecond;
    case 'W': return watts;
    case 'C': return celsius;
    default: return (v) => fixed(v, 2);
  }
}
