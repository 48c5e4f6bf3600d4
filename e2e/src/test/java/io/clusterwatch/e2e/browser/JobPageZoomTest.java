package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Zooming into a long range: a job with two hours of history is shown from a rollup tier; zooming
 * into its last minutes makes the page load that window again at a finer step, with the window in
 * the URL. History goes straight into a real hub's store (agents cannot send the past).
 */
class JobPageZoomTest {
  private static final String JOB = "zoom-1";

  @Test
  void zoomLoadsTheWindowAtAFinerStep(@TempDir Path tmp) throws Exception {
    Browsers.requireInstalled();
    try (HubUnderTest hub = HubUnderTest.start(HubConfig.defaults())) {
      long now = System.currentTimeMillis();
      long from = now - 2 * 3600_000L;
      new SyntheticHistory("zoom-node-01", 0).fillAsJob(hub, JOB, "long-run", from, now);

      ChromeDriver driver = Browsers.start(tmp, 1600, 1100);
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(hub.baseUrl() + "/#/job/" + JOB + "?range=6h");
        Browsers.awaitViewReady(driver, "job");
        long loadedStep = step(driver);
        assertTrue(
            loadedStep > 10_000, "two hours in a 6 h range come from the 60 s tier: " + loadedStep);

        driver.executeScript(
            "echarts.getInstanceByDom(document.querySelector('[data-panel=gpu_util]'))"
                + ".dispatchAction({type: 'dataZoom', start: 95, end: 100})");
        wait.withMessage("the zoomed window in the URL")
            .until(d -> d.getCurrentUrl().contains("?from="));
        wait.withMessage("the zoomed window at a finer step").until(d -> step(driver) < loadedStep);
        assertTrue(driver.findElement(By.cssSelector(".zoom-chip")).getText().startsWith("Zoomed"));
        Screenshots.save(driver, "job-zoomed");
      } finally {
        driver.quit();
      }
    }
  }

  private static long step(ChromeDriver driver) {
    Object v =
        driver.executeScript(
            "return Number(document.querySelector('[data-panel=gpu_util]').dataset.stepMs || 0)");
    return ((Number) v).longValue();
  }
}
