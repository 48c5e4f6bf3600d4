package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenDurationTest {
  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({
    "0, 0 s",
    "500, 0.5 s",
    "1000, 1 s",
    "2500, 2.5 s",
    "2599, 2.5 s",
    "10400, 10 s",
    "45000, 45 s",
    "59999, 59 s",
    "60000, 1 min",
    "125000, 2 min 5 s",
    "300000, 5 min",
    "599000, 9 min 59 s",
    "600000, 10 min",
    "1509700, 25 min", // the cluster page's 'over the last 1509700ms'
    "3599999, 59 min",
    "3600000, 1 h",
    "7500000, 2 h 5 min",
    "7530000, 2 h 5 min",
    "86399000, 23 h 59 min",
    "86400000, 1 d",
    "273600000, 3 d 4 h",
    "277200000, 3 d 5 h",
    "1209600000, 14 d",
  })
  void saysDurationsAsPeopleDo(long ms, String spoken) {
    assertEquals(spoken, SpokenDuration.format(Duration.ofMillis(ms)));
  }

  @Test
  void aNegativeDurationIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SpokenDuration.format(Duration.ofSeconds(-5)));
    assertEquals("a negative duration has no spoken form: PT-5S", e.getMessage());
  }
}
