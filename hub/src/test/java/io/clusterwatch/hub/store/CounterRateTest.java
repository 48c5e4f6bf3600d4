package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CounterRateTest {
  @ParameterizedTest(name = "{0} -> {2} over {3} ms, scale {4}: {5}")
  @CsvSource({
    // previous raw, previous ts, raw, ts, scale, expected per-second rate (NaN: gap)
    "0, 0, 100, 1000, 1, 100",
    "100, 0, 100, 1000, 1, 0",
    "1000, 0, 1300, 2000, 0.01, 1.5", // USER_HZ ticks to seconds
    "5000000, 0, 5600000, 2000, 0.001, 300", // mJ to J
    "200, 0, 50, 1000, 1, NaN", // reset
    "-1000, 0, -400, 1000, 1, 600", // near 2^64, unsigned
    "-400, 0, 100, 1000, 1, NaN", // wrapped past 2^64
    "9223372036854775708, 0, -9223372036854775708, 1000, 1, 200", // 2^63 - 100 to 2^63 + 100
    "0, 1000, 100, 1000, 1, NaN", // no time passed
  })
  void ratesAreUnsignedScaledAndNeverNegative(
      long previousRaw, long previousTs, long raw, long ts, double scale, double expected) {
    assertEquals(expected, CounterRate.perSecond(previousRaw, previousTs, raw, ts, scale), 1e-9);
  }
}
