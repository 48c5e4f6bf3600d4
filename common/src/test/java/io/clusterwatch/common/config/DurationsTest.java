package io.clusterwatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "250ms,250",
    "0s,0",
    "30s,30000",
    "5m,300000",
    "2h,7200000",
    "7d,604800000",
    " 10 s ,10000"
  })
  void parsesEveryUnit(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "1.5s", "-1s", "5 minutes", "1h30m", "", "s", "5M", "10us"})
  void refusesAnythingElseNamingTheText(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("250ms, 30s, 5m, 2h or 7d"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "250,250ms",
    "0,0s",
    "1500,1500ms",
    "90000,90s",
    "300000,5m",
    "7200000,2h",
    "604800000,7d",
    "5400000,90m"
  })
  void formatsTheShortestExactSpelling(long millis, String text) {
    assertEquals(text, Durations.format(Duration.ofMillis(millis)));
    assertEquals(Duration.ofMillis(millis), Durations.parse(text));
  }
}
