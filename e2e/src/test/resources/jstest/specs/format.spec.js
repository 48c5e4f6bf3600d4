import { test, eq } from '../harness.js';
import { bytes, bytesPerSecond, byUnit, celsius, duration, minutes, percent, watts, MISSING } from '/js/format.js';

test('percent: whole percent from 10 %, one decimal below, missing shown as a dash', () => {
  eq(percent(0.973), '97 %');
  eq(percent(1), '100 %');
  eq(percent(0.054), '5.4 %');
  eq(percent(0), '0 %');
  eq(percent(null), MISSING);
  eq(percent(NaN), MISSING);
  eq(percent(undefined), MISSING);
});

test('bytes uses binary units as NVML and free(1) report memory', () => {
  eq(bytes(0), '0 B');
  eq(bytes(1023), '1023 B');
  eq(bytes(1024), '1.00 KiB');
  eq(bytes(80 * 1024 ** 3), '80.0 GiB');
  eq(bytes(85899345920), '80.0 GiB');
  eq(bytes(6.1e10), '56.8 GiB');
  eq(bytes(null), MISSING);
});

test('bytesPerSecond uses decimal units as link rates are quoted', () => {
  eq(bytesPerSecond(5e10), '50.0 GB/s');
  eq(bytesPerSecond(999), '999 B/s');
  eq(bytesPerSecond(1500000), '1.50 MB/s');
  eq(bytesPerSecond(undefined), MISSING);
});

test('watts, celsius, minutes', () => {
  eq(watts(612.4), '612 W');
  eq(celsius(71.2), '71 \u00b0C');
  eq(minutes(12.5), '13 min');
  eq(minutes(2.25), '2.3 min');
  eq(watts(null), MISSING);
});

test('duration: seconds, minutes, hours and days', () => {
  eq(duration(45000), '45 s');
  eq(duration(12 * 60000 + 5000), '12 min');
  eq(duration(3 * 3600000 + 5 * 60000), '3 h 5 min');
  eq(duration(2 * 3600000), '2 h');
  eq(duration(3 * 86400000), '3 d');
  eq(duration(2 * 86400000 + 4 * 3600000 + 59 * 60000), '2 d 4 h');
  eq(duration(-1), MISSING);
});

test('byUnit picks the formatter of a panel unit', () => {
  eq(byUnit('ratio')(0.5), '50 %');
  eq(byUnit('bytes/s')(2e9), '2.00 GB/s');
  eq(byUnit('W')(300), '300 W');
});
