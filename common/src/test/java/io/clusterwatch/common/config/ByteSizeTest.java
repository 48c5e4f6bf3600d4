package io.clusterwatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "65536,65536",
    "0,0",
    "100B,100",
    "512KiB,524288",
    "32MiB,33554432",
    "1GiB,1073741824",
    "2TiB,2199023255552",
    "8 MiB,8388608"
  })
  void parsesCountsAndBinaryUnits(String text, long bytes) {
    assertEquals(bytes, ByteSize.parse(text).bytes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"32MB", "1GB", "10k", "1.5MiB", "-1", "MiB", "", "1 mib", "99999999999TiB"})
  void refusesAnythingElseNamingTheText(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"32MB", "1GB", "10k"})
  void pointsDecimalUnitsToBinaryOnes(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
    assertTrue(e.getMessage().contains("binary units"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"1048576,1MiB", "1000,1000", "1536,1536", "3072,3KiB", "0,0", "1073741824,1GiB"})
  void printsTheLargestExactUnit(long bytes, String text) {
    assertEquals(text, new ByteSize(bytes).toString());
    assertEquals(bytes, ByteSize.parse(text).bytes());
  }
}
