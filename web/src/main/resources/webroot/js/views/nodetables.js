// The node page's hardware tables, built from the node's latest values (latest.js): every GPU,
// every InfiniBand port and every disk (iostat -x columns), then CPU and memory.

import { el, facts, table } from '../dom.js';
import { bytes, bytesPerSecond, celsius, fixed, percent, watts } from '../format.js';
import { categoryOf } from '../gpustate.js';
import { decodeClockEventReasons, ibPhysStateName, ibPortHealthy, ibStateName } from '../hwcodes.js';
import { DISK_METRICS, iostat } from '../iostat.js';
import { cpuFigures } from '../latest.js';
import { jobHash } from '../router.js';

const STATE_TEXT = { busy: 'busy', idle: 'idle (allocated)', held: 'memory held at 0 %', free: 'free', stale: 'stale' };

function reasonsText(mask) {
  const reasons = decodeClockEventReasons(mask);
  return reasons.length ? reasons.map((r) => r.name).join(', ') : (Number.isFinite(mask) ? 'none' : '\u2013');
}

export function gpuTable(gpus, latest) {
  const rows = gpus.map((g) => {
    const match = { gpu: String(g.index) };
    const v = (metric, fallback) => latest.find(metric, match) ?? fallback ?? null;
    const mask = v('gpu_clock_event_reasons');
    const problem = decodeClockEventReasons(mask).some((r) => r.problem);
    const job = g.job ? el('a', { href: jobHash(g.job.id), text: g.job.id + (g.job.name ? ' \u00b7 ' + g.job.name : '') }) : '\u2013';
    return [
      String(g.index),
      g.model ?? '\u2013',
      { text: STATE_TEXT[categoryOf(g)] + (g.unhealthy ? ', unhealthy' : ''), cls: g.unhealthy ? 'bad' : '' },
      job,
      g.job ? g.job.user ?? '\u2013' : '\u2013',
      { text: percent(v('gpu_utilization_ratio', g.utilization)), cls: 'num' },
      { text: bytes(v('gpu_memory_used_bytes', g.memory_used_bytes)) + ' / ' + bytes(g.memory_total_bytes), cls: 'num' },
      { text: celsius(v('gpu_temperature_celsius', g.temperature_celsius)), cls: 'num' },
      { text: watts(v('gpu_power_watts', g.power_watts)), cls: 'num' },
      { text: reasonsText(mask), cls: problem ? 'bad' : '' },
    ];
  });
  return table(['GPU', 'Model', 'State', 'Job', 'User', 'Util', 'Memory', 'Temp', 'Power', 'Clock event reasons'], rows);
}

/** @param increases Map labelsKey-ish "device/port" -> {metric: increase over the health window} */
export function ibTable(latest, increases) {
  const ports = latest.keys(['infiniband_state_id', 'infiniband_port_data_received_bytes_total'], ['device', 'port']);
  const rows = ports.map((p) => {
    const [device, port] = p.split('/');
    const m = { device, port };
    const state = latest.find('infiniband_state_id', m);
    const phys = latest.find('infiniband_physical_state_id', m);
    const inc = increases.get(p) || {};
    const count = (metric) => (Number.isFinite(inc[metric]) ? Math.round(inc[metric]).toString() : '\u2013');
    const bad = (metric) => (inc[metric] >= 0.5 ? 'bad num' : 'num');
    return [
      p,
      { text: ibStateName(state) + ' / ' + ibPhysStateName(phys), cls: ibPortHealthy(state, phys) ? '' : 'bad' },
      { text: bytesPerSecond(latest.find('infiniband_rate_bytes_per_second', m)), cls: 'num' },
      { text: bytesPerSecond(latest.find('infiniband_port_data_received_bytes_total', m)), cls: 'num' },
      { text: bytesPerSecond(latest.find('infiniband_port_data_transmitted_bytes_total', m)), cls: 'num' },
      { text: count('infiniband_link_downed_total'), cls: bad('infiniband_link_downed_total') },
      { text: count('infiniband_symbol_error_total'), cls: bad('infiniband_symbol_error_total') },
      { text: count('infiniband_port_errors_received_total'), cls: bad('infiniband_port_errors_received_total') },
    ];
  });
  return table(['Port', 'State / physical', 'Link rate', 'Receive', 'Transmit', 'Link downed (24 h)', 'Symbol errors (24 h)', 'Receive errors (24 h)'], rows);
}

/** Per-device iostat figures: [{device, stats}] sorted by device. */
export function diskStats(latest) {
  return latest.keys(Object.values(DISK_METRICS), ['device']).map((device) => {
    const rates = {};
    for (const metric of Object.values(DISK_METRICS)) rates[metric] = latest.find(metric, { device });
    return { device, stats: iostat(rates) };
  });
}

export function diskTable(latest) {
  const rows = diskStats(latest).map(({ device, stats: s }) => [
    device,
    { text: fixed(s.rps, 1), cls: 'num' },
    { text: fixed(s.wps, 1), cls: 'num' },
    { text: fixed(s.rMBps, 2), cls: 'num' },
    { text: fixed(s.wMBps, 2), cls: 'num' },
    { text: fixed(s.rAwaitMs, 2), cls: 'num' },
    { text: fixed(s.wAwaitMs, 2), cls: 'num' },
    { text: s.util === null ? '\u2013' : fixed(s.util * 100, 1), cls: s.util >= 0.9 ? 'bad num' : 'num' },
  ]);
  return table(['Device', 'r/s', 'w/s', 'rMB/s', 'wMB/s', 'r_await ms', 'w_await ms', '%util'], rows);
}

export function cpuMemoryFacts(latest) {
  const cpu = cpuFigures(latest);
  const total = latest.find('memory_MemTotal_bytes', {});
  const avail = latest.find('memory_MemAvailable_bytes', {});
  const used = Number.isFinite(total) && Number.isFinite(avail) ? total - avail : null;
  return facts([
    ['CPUs', cpu.cpus ? String(cpu.cpus) : '\u2013'],
    ['CPU busy', percent(cpu.busy)],
    ['user / system / iowait', percent(cpu.user) + ' / ' + percent(cpu.system) + ' / ' + percent(cpu.iowait)],
    ['Memory used', bytes(used) + ' of ' + bytes(total) + (used !== null && total ? ' (' + percent(used / total) + ')' : '')],
    ['Memory available', bytes(avail)],
  ]);
}
