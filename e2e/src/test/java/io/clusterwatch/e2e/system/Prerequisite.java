package io.clusterwatch.e2e.system;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Something a system test needs from outside the test itself (a tool, an entry point). Where it is
 * missing the test is skipped with a loud message on stderr, except under {@code CI=true}, where
 * the build must provide it and its absence fails the test.
 */
final class Prerequisite {
  private Prerequisite() {}

  static void require(boolean present, String what) {
    if (present) {
      return;
    }
    String message = what + " NOT FOUND: this system test is SKIPPED";
    System.err.println("*** " + message + " ***");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(what + " not found, and CI=true requires it");
    }
    Assumptions.abort(message);
  }
}
