package io.clusterwatch.hub.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPathTest {
  @ParameterizedTest
  @ValueSource(strings = {"/", "/#/jobs/42", "/index.html?x=1#/node/gpu-01", "/%2F%2Fx"})
  void localPathsAreKept(String path) {
    assertEquals(path, LocalPath.orHome(path));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "https://evil.example",
        "//evil.example/x",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\r\nset-cookie: x=y",
        "javascript:alert(1)",
        "evil.example",
        "/caf\u00e9"
      })
  void anythingElseGoesHome(String path) {
    assertEquals("/", LocalPath.orHome(path));
  }

  @org.junit.jupiter.api.Test
  void nullGoesHome() {
    assertEquals("/", LocalPath.orHome(null));
  }
}
