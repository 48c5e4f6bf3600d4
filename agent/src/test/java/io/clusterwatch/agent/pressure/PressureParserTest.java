package io.clusterwatch.agent.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.agent.host.HostFileFormatException;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PressureParserTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // node_exporter's fixture proc/pressure/io
        "some avg10=0.18 avg60=0.34 avg300=0.10 total=159886802\\nfull avg10=0.18 avg60=0.34 avg300=0.10 total=159229614\\n|159886802|159229614",
        // cpu on Linux 5.13+: a full line, always 0 at the system level
        "some avg10=99.49 avg60=98.78 avg300=94.61 total=2281313369\\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\\n|2281313369|0",
        // cpu before 5.13: some only
        "some avg10=0.00 avg60=0.00 avg300=0.00 total=14036781\\n|14036781|",
      })
  void totals(String text, long some, Long full) throws Exception {
    PressureTotals t = PressureParser.parse(text.replace("\\n", "\n"), "io");
    assertEquals(some, t.someMicros());
    assertEquals(full == null ? OptionalLong.empty() : OptionalLong.of(full), t.fullMicros());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "some avg10=0.00 avg60=0.00 avg300=0.00\\n|/proc/pressure/io:1: no 'total=' field",
        "some avg10=0.00 total=12\\npartial avg10=0.00 total=1\\n|/proc/pressure/io:2: expected a line starting 'some' or 'full', got 'partial avg10=0.00 total=1'",
        "full avg10=0.00 total=1\\n|/proc/pressure/io: no 'some' line",
        "some total=-5\\n|/proc/pressure/io:1: expected an unsigned 64-bit integer, got '-5'",
      })
  void badTextNamesFileAndLine(String text, String message) {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class,
            () -> PressureParser.parse(text.replace("\\n", "\n"), "/proc/pressure/io"));
    assertEquals(message, e.getMessage());
  }
}
