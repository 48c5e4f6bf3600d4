import { test, eq, deepEq } from '../harness.js';
import { decodeClockEventReasons, ibPhysStateName, ibPortHealthy, ibStateName, xidText } from '/js/hwcodes.js';

test('clock event reasons decode nvml.h bits and flag the harmful ones', () => {
  deepEq(decodeClockEventReasons(0), []);
  deepEq(decodeClockEventReasons(0x1), [{ name: 'GpuIdle', problem: false }]);
  deepEq(decodeClockEventReasons(0x44), [{ name: 'SwPowerCap', problem: false }, { name: 'HwThermalSlowdown', problem: true }]);
  deepEq(decodeClockEventReasons(0x88).map((r) => r.name), ['HwSlowdown', 'HwPowerBrakeSlowdown']);
  deepEq(decodeClockEventReasons(0x1000), [{ name: 'bit 0x1000', problem: false }]);
  deepEq(decodeClockEventReasons(null), []);
});

test('InfiniBand states name sysfs ids; healthy is ACTIVE and LinkUp', () => {
  eq(ibStateName(4), 'ACTIVE');
  eq(ibStateName(1), 'DOWN');
  eq(ibPhysStateName(5), 'LinkUp');
  eq(ibPhysStateName(3), 'Disabled');
  eq(ibStateName(9), 'state 9');
  eq(ibPortHealthy(4, 5), true);
  eq(ibPortHealthy(4, 2), false);
  eq(ibPortHealthy(1, 5), false);
});

test('XID texts for the fatal codes', () => {
  eq(xidText(79), 'GPU has fallen off the bus');
  eq(xidText(48), 'Double-bit ECC error');
  eq(xidText(12345), 'see NVIDIA XID catalogue');
});
