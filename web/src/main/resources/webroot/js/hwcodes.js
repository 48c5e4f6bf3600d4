// Decoding of hardware codes shown on the node page.

/**
 * NVML clock event (throttle) reason bits, nvml.h nvmlClocksEventReason*. `problem` marks the
 * reasons operators act on (DCGM health and the AWS HyperPod alerts treat thermal and hardware
 * slowdowns as faults; idle, application clocks and the software power cap are normal operation).
 */
export const CLOCK_EVENT_REASONS = Object.freeze([
  { bit: 0x1, name: 'GpuIdle', problem: false },
  { bit: 0x2, name: 'ApplicationsClocksSetting', problem: false },
  { bit: 0x4, name: 'SwPowerCap', problem: false },
  { bit: 0x8, name: 'HwSlowdown', problem: true },
  { bit: 0x10, name: 'SyncBoost', problem: false },
  { bit: 0x20, name: 'SwThermalSlowdown', problem: true },
  { bit: 0x40, name: 'HwThermalSlowdown', problem: true },
  { bit: 0x80, name: 'HwPowerBrakeSlowdown', problem: true },
  { bit: 0x100, name: 'DisplayClockSetting', problem: false },
]);

/** Decodes a reasons bitmask into [{name, problem}]; unknown bits appear as "bit 0x...". */
export function decodeClockEventReasons(mask) {
  if (typeof mask !== 'number' || !Number.isFinite(mask) || mask < 0) return [];
  const out = [];
  let rest = Math.round(mask);
  for (const r of CLOCK_EVENT_REASONS) {
    if (rest & r.bit) {
      out.push({ name: r.name, problem: r.problem });
      rest &= ~r.bit;
    }
  }
  for (let bit = 1; rest > 0 && bit <= 0x40000000; bit <<= 1) {
    if (rest & bit) {
      out.push({ name: 'bit 0x' + bit.toString(16), problem: false });
      rest &= ~bit;
    }
  }
  return out;
}

/** InfiniBand logical port state, /sys/class/infiniband/<dev>/ports/<n>/state (ib_verbs enum ib_port_state). */
const IB_STATES = { 0: 'NOP', 1: 'DOWN', 2: 'INIT', 3: 'ARMED', 4: 'ACTIVE', 5: 'ACTIVE_DEFER' };

/** InfiniBand physical port state, .../phys_state (IBTA PortPhysicalState). */
const IB_PHYS_STATES = {
  1: 'Sleep', 2: 'Polling', 3: 'Disabled', 4: 'PortConfigurationTraining', 5: 'LinkUp',
  6: 'LinkErrorRecovery', 7: 'PhyTest',
};

export function ibStateName(id) {
  return IB_STATES[id] ?? (typeof id === 'number' ? 'state ' + id : '\u2013');
}

export function ibPhysStateName(id) {
  return IB_PHYS_STATES[id] ?? (typeof id === 'number' ? 'phys state ' + id : '\u2013');
}

/** A port is healthy when ACTIVE (4) and LinkUp (5), node_exporter's and the field's definition. */
export function ibPortHealthy(stateId, physStateId) {
  return stateId === 4 && physStateId === 5;
}

/** Meanings of common XID codes (NVIDIA "XID Errors" documentation; DCGM health watch). */
const XID_TEXT = {
  13: 'Graphics engine exception',
  31: 'GPU memory page fault',
  32: 'Invalid or corrupted push buffer stream',
  43: 'GPU stopped processing',
  45: 'Preemptive cleanup, due to previous errors',
  48: 'Double-bit ECC error',
  61: 'Internal micro-controller breakpoint/warning',
  62: 'Internal micro-controller halt',
  63: 'ECC page retirement or row remapping recording event',
  64: 'ECC page retirement or row remapper recording failure',
  74: 'NVLink error',
  79: 'GPU has fallen off the bus',
  92: 'High single-bit ECC error rate',
  94: 'Contained ECC error',
  95: 'Uncontained ECC error',
  119: 'GSP RPC timeout',
  120: 'GSP error',
};

export function xidText(code) {
  return XID_TEXT[code] ?? 'see NVIDIA XID catalogue';
}
