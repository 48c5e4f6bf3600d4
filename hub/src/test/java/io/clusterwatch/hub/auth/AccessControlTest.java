package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up warning of a hub without logins. */
class AccessControlTest {
  @ParameterizedTest(name = "mode none on {0}: warns {1}")
  @CsvSource({"0.0.0.0, true", "::, true", "192.0.2.10, true", "127.0.0.1, false", "::1, false"})
  void modeNoneWarnsBeyondLoopback(String bindHost, boolean warns) {
    AccessControl none =
        new AccessControl(AuthSettings.Mode.NONE, null, RolesSettings.defaults(), null);
    Optional<String> warning = none.openWarning(bindHost);
    assertEquals(warns, warning.isPresent());
    warning.ifPresent(
        w ->
            assertTrue(
                w.startsWith(
                    "auth.mode is none and the hub listens on "
                        + bindHost
                        + ": anyone who reaches the port sees every job"),
                w));
  }

  @ParameterizedTest(name = "mode proxy on {0}: no warning")
  @CsvSource({"0.0.0.0", "127.0.0.1"})
  void loginModesDoNotWarn(String bindHost) {
    AccessControl proxy =
        new AccessControl(
            AuthSettings.Mode.PROXY,
            new ProxyIdentity(ProxySettings.defaults()),
            RolesSettings.defaults(),
            null);
    assertEquals(Optional.empty(), proxy.openWarning(bindHost));
  }
}
