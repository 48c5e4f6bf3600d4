package io.clusterwatch.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
  @Test
  void defaultsKeepTwoDaysOfRawValuesAMonthOfTenSecondAndAYearOfMinuteRollupsInHalfHourBlocks() {
    StoreConfig c = StoreConfig.defaults();
    assertEquals(1_000, c.rawStepMs());
    assertTrue(c.rawRetentionMs() >= Duration.ofHours(48).toMillis());
    assertEquals(
        List.of(
            new RollupTierConfig(10_000, Duration.ofDays(30).toMillis()),
            new RollupTierConfig(60_000, Duration.ofDays(365).toMillis())),
        c.rollups());
    assertEquals(Duration.ofMinutes(30).toMillis(), c.blockMs());
  }

  @Test
  void theBlockMustBeAMultipleOfTheCoarsestStep() {
    StoreConfig c =
        new StoreConfig(1_000, 60_000, List.of(new RollupTierConfig(60_000, 600_000)), 10);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.withSealing(90_000, 0, 0));
    assertTrue(
        e.getMessage().contains("90000 ms") && e.getMessage().contains("60000 ms"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.withSealing(60_000, -1, 0));
    assertEquals(120_000, c.withSealing(120_000, 0, 0).blockMs());
  }

  @Test
  void rollupStepsMustBeGrowingMultiplesOfTheStepBelow() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new StoreConfig(3_000, 60_000, List.of(new RollupTierConfig(10_000, 60_000)), 10));
    assertTrue(e.getMessage().contains("10000 ms"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new StoreConfig(
                1_000,
                60_000,
                List.of(
                    new RollupTierConfig(60_000, 600_000), new RollupTierConfig(10_000, 60_000)),
                10));
  }

  @Test
  void badNumbersAreRefusedWithTheirValue() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new StoreConfig(0, 60_000, List.of(), 10))
            .getMessage()
            .contains("raw step"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new StoreConfig(1_000, 500, List.of(), 10))
            .getMessage()
            .contains("500 ms"));
    assertThrows(IllegalArgumentException.class, () -> new RollupTierConfig(10_000, 5_000));
    assertThrows(
        IllegalArgumentException.class, () -> new StoreConfig(1_000, 60_000, List.of(), 0));
  }
}
