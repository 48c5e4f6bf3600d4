package io.clusterwatch.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParseTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "4294967295, 4294967295",
    // mlx5 port_xmit_data in the procfs fixture, past 2^32
    "2880761508848, 2880761508848",
    "9223372036854775807, 9223372036854775807",
    "18446744073709551615, 18446744073709551615",
  })
  void parsesUnsigned64(String text, String unsigned) throws Exception {
    long raw = Parse.unsignedLong(text, "/proc/x", 3);
    assertEquals(unsigned, Long.toUnsignedString(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "+1", "", "12a", "1.5", "18446744073709551616", "N/A (no PMA)"})
  void rejectsWhatIsNotAnUnsigned64WithFileLineAndText(String text) {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class, () -> Parse.unsignedLong(text, "/proc/diskstats", 7));
    assertTrue(e.getMessage().startsWith("/proc/diskstats:7: "), e.getMessage());
    assertTrue(e.getMessage().contains("'" + text + "'") || text.isEmpty(), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "9223372036854775807, 9.223372036854775807E18",
    "18446744073709551615, 1.8446744073709552E19"
  })
  void unsignedToDouble(String text, double expected) throws Exception {
    assertEquals(expected, Parse.unsignedToDouble(Long.parseUnsignedLong(text)));
  }

  @ParameterizedTest
  @CsvSource({"40, 40.0", "2.5, 2.5", "100, 100.0"})
  void decimals(String text, double expected) throws Exception {
    assertEquals(expected, Parse.decimal(text, "rate", Parse.NO_LINE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "1e3", "-2", "1."})
  void rejectsNonDecimals(String text) {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class, () -> Parse.decimal(text, "/sys/rate", Parse.NO_LINE));
    assertTrue(e.getMessage().startsWith("/sys/rate: "), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void fieldsSkipLeadingAndRepeatedBlanks() {
    // /proc/diskstats right-aligns major and minor
    assertEquals(
        java.util.List.of("8", "0", "sda", "25354637"),
        java.util.List.of(Parse.fields("   8       0 sda 25354637\n")));
    assertEquals(0, Parse.fields("   ").length);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // line (newline and tab written as backslash escapes) | count | field 2, or null
        "'   8       0 sda 25354637\\n' | 4 | sda",
        "'8 0 sda' | 3 | sda",
        "'  eth0:\\t1 2' | 3 | 2",
        "'8 0' | 2 | ",
        "'   ' | 0 | ",
        "'' | 0 | ",
      })
  void fieldCountAndOneFieldAgreeWithFields(String line, int count, String third) {
    String unescaped = line.replace("\\n", "\n").replace("\\t", "\t");
    assertEquals(count, Parse.fieldCount(unescaped));
    assertEquals(Parse.fields(unescaped).length, Parse.fieldCount(unescaped));
    assertEquals(third, Parse.field(unescaped, 2));
  }
}
