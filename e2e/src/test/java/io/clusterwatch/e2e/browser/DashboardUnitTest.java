package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's page logic (formatting, GPU state classification, iostat maths, escaping, gap
 * detection, range to max_points, reconnect backoff ...) tested in real headless Chromium: the
 * specs under {@code jstest/specs} import the production ES modules. Each JavaScript test becomes
 * one JUnit test.
 */
class DashboardUnitTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> dashboardModules() throws Exception {
    List<Map<String, Object>> results;
    List<LogEntry> console;
    try (ClasspathStaticServer server = new ClasspathStaticServer()) {
      ChromeDriver driver = Browsers.start(tmp, 1280, 900);
      try {
        driver.get(server.baseUrl() + "/jstest/index.html");
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .until(d -> driver.executeScript("return window.jsTestResults !== undefined"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> r =
            (List<Map<String, Object>>) driver.executeScript("return window.jsTestResults");
        results = r;
        console = driver.manage().logs().get(LogType.BROWSER).getAll();
      } finally {
        driver.quit();
      }
    }
    assertFalse(results.isEmpty(), "no JavaScript test ran");
    DynamicTest noConsoleErrors =
        DynamicTest.dynamicTest(
            "no console errors (CSP violations, failed loads)",
            () ->
                assertEquals(
                    List.of(),
                    console.stream()
                        .filter(
                            e ->
                                e.getLevel().intValue()
                                    >= java.util.logging.Level.SEVERE.intValue())
                        .map(LogEntry::getMessage)
                        .toList()));
    return Stream.concat(
        Stream.of(noConsoleErrors),
        results.stream()
            .map(
                r ->
                    DynamicTest.dynamicTest(
                        String.valueOf(r.get("name")),
                        () ->
                            assertTrue(
                                Boolean.TRUE.equals(r.get("ok")),
                                r.get("name") + ": " + r.get("error")))));
  }
}
