package io.clusterwatch.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lint used on /metrics finds each rule's violation (so a clean result means something). */
class ExpositionLintTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "# TYPE a gauge\\na 1\\n|",
        "# HELP a x\\n# TYPE a counter\\na 1\\n|counter a does not end in _total",
        "# TYPE a gauge\\n# TYPE a gauge\\na 1\\n|second TYPE",
        "a 1\\n|before any TYPE",
        "# TYPE a gauge\\na 1\\n# TYPE b gauge\\nb 1\\n# TYPE a gauge\\n|two groups",
        "# TYPE a gauge\\na{x=\"1\"} 1\\na{x=\"1\"} 2\\n|duplicate series",
        "# TYPE a gauge\\na{x=1} 1\\n|malformed labels",
        "# TYPE a gauge\\na one\\n|not a number",
        "# TYPE a gauge\\na 1|newline",
        "# TYPE a-b gauge\\n|invalid metric name",
        "# TYPE a gauge\\nb 1\\n|outside its family",
        "# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1\\nh_sum 2\\n|",
      })
  void findsEachProblem(String text, String expected) {
    List<String> problems = ExpositionLint.check(text.replace("\\n", "\n"));
    if (expected == null) {
      assertEquals(List.of(), problems);
    } else {
      assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), problems.toString());
    }
  }
}
