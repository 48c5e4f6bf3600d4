package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts Debian's headless Chromium through Debian's chromedriver, named explicitly so that
 * Selenium Manager never runs and nothing is downloaded (Selenium 4.52 DriverFinder checks the
 * service's executable first). When either binary is missing the browser tests are skipped with a
 * loud message, except under {@code CI=true}, where a missing browser is a failure.
 */
final class Browsers {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** How long a page may take to draw its view. */
  static final Duration VIEW_READY_WAIT = Duration.ofSeconds(60);

  private Browsers() {}

  /** Skips (or, under CI=true, fails) the calling test when Chromium or chromedriver is absent. */
  static void requireInstalled() {
    requireInstalled(List.of(CHROMIUM, CHROMEDRIVER), System.getenv("CI"));
  }

  /**
   * @param binaries executables the browser tests need
   * @param ciEnv the value of the {@code CI} environment variable (null when unset)
   */
  static void requireInstalled(List<Path> binaries, String ciEnv) {
    List<Path> missing = binaries.stream().filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "BROWSER TESTS NOT RUN: missing "
            + missing
            + "; install them with: apt-get install -y chromium chromium-driver";
    if ("true".equalsIgnoreCase(ciEnv)) {
      fail(message + " (CI=true: a missing browser fails the build)");
    }
    System.err.println("\n*** " + message + " ***\n");
    Assumptions.abort(message);
  }

  /**
   * A fresh headless Chromium with its own profile directory under {@code profileParent}.
   *
   * @param width window width in CSS pixels
   * @param height window height in CSS pixels
   */
  static ChromeDriver start(Path profileParent, int width, int height) throws IOException {
    requireInstalled();
    Path profile = Files.createTempDirectory(profileParent, "chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    // Console messages (CSP violations, script errors) are read back by the tests.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /**
   * Waits until the page's {@code #view} says (in {@code data-ready}) that the {@code view} page is
   * drawn.
   */
  static void awaitViewReady(ChromeDriver driver, String view) {
    new WebDriverWait(driver, VIEW_READY_WAIT)
        .withMessage(view + " page drawn")
        .until(
            d ->
                view.equals(
                    driver.executeScript("return document.getElementById('view').dataset.ready")));
  }
}
