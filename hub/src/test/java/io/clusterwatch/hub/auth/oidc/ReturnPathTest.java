package io.clusterwatch.hub.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReturnPathTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "/ | /",
        "/jobs/4711 | /jobs/4711",
        "/jobs/4711?range=1h#gpu | /jobs/4711?range=1h#gpu",
        "/idle?account=course-a&user=%2Fx | /idle?account=course-a&user=%2Fx",
        "NULL | /",
        "'' | /",
        "jobs/4711 | /",
        "https://evil.example.org/ | /",
        "//evil.example.org/ | /",
        "/\\evil.example.org/ | /",
        "/jobs\\..\\x | /",
        "'/a b' | /",
        "/a\tb | /",
        "javascript:alert(1) | /",
      })
  void onlyLocalPathsPass(String requested, String expected) {
    assertEquals(expected, ReturnPath.local(requested));
  }
}
