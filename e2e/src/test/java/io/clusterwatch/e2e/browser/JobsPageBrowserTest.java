package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.archive.ArchivedJob;
import io.clusterwatch.hub.archive.JobReport;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.Allocation;
import io.clusterwatch.hub.jobs.Job;
import io.clusterwatch.hub.jobs.JobState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The jobs page in real headless Chromium against a real hub whose archive holds 120 finished jobs
 * of alice, 30 of bob and one of a user whose name is markup: filter by user through the form, page
 * forward and back, sort a column.
 */
class JobsPageBrowserTest extends SimulatedClusterBrowserTest {
  private static final long T0 = 1_764_072_000_000L;
  private static final String XSS_USER = "<img src=x onerror=window.jobsXss=1>";

  @BeforeAll
  void startHubWithArchivedJobs(@TempDir Path tmp) throws Exception {
    startCluster(HubConfig.defaults().withDataPath(tmp.resolve("data").toString()), 1);
    List<ArchivedJob> jobs = new ArrayList<>();
    for (int i = 0; i < 151; i++) {
      String user = i < 120 ? "alice" : i < 150 ? "bob" : XSS_USER;
      jobs.add(finished(String.format("job-%03d", i), user, T0 + i * 60_000L));
    }
    hub.services()
        .archive()
        .call(
            a -> {
              a.putAll(jobs);
              return null;
            });
    startBrowser(tmp);
  }

  private static ArchivedJob finished(String id, String user, long start) {
    long end = start + 3_600_000;
    Job job =
        new Job(
            id,
            user,
            "train",
            Map.of("account", "cs101"),
            JobState.FINISHED,
            start,
            end,
            "slurm",
            List.of(new Allocation(id, "gpu-node-09", "GPU-" + id, start, end)));
    double util = (start / 60_000 % 7) / 10.0;
    JobReport report =
        new JobReport(
            end,
            true,
            0.01,
            1.0,
            util,
            util,
            0.0,
            1e9,
            0.2,
            0.1,
            1e9,
            2e9,
            0,
            0,
            0,
            0,
            List.of(
                new JobReport.GpuFigures(
                    "gpu-node-09", "GPU-" + id, start, end, 1.0, util, 0.0, 1e9, 0.2)),
            List.of());
    return new ArchivedJob(job, report);
  }

  private List<String> shownIds() {
    return driver.findElements(By.cssSelector("[data-testid=jobs-rows] tr")).stream()
        .map(tr -> tr.getAttribute("data-job"))
        .toList();
  }

  private String count() {
    return driver.findElement(By.cssSelector("[data-testid=jobs-count]")).getText();
  }

  @Test
  void filterByUserThenPageForwardAndBackAndSort() {
    open("#/jobs", "jobs");
    WebElement user = driver.findElement(By.cssSelector("input[data-filter=user]"));
    user.sendKeys("alice");
    driver.findElement(By.cssSelector("[data-testid=job-filters] button")).click();
    waitFor(
        "alice's first page",
        d -> "Page 1: 50 jobs".equals(count()) && d.getCurrentUrl().endsWith("#/jobs?user=alice"));
    List<String> first = shownIds();
    assertEquals("job-119", first.get(0), "newest start first");
    assertEquals("job-070", first.get(49));
    for (WebElement td :
        driver.findElements(By.cssSelector("[data-testid=jobs-rows] tr td:nth-child(2)"))) {
      assertEquals("alice", td.getText());
    }

    driver.findElement(By.cssSelector("[data-testid=jobs-next]")).click();
    waitFor("page 2", d -> "Page 2: 50 jobs".equals(count()));
    assertEquals("job-069", shownIds().get(0));
    driver.findElement(By.cssSelector("[data-testid=jobs-next]")).click();
    waitFor("page 3", d -> "Page 3: 20 jobs".equals(count()));
    assertEquals("job-000", shownIds().get(19));
    assertTrue(
        !driver.findElement(By.cssSelector("[data-testid=jobs-next]")).isEnabled(),
        "the last page");
    driver.findElement(By.cssSelector("[data-testid=jobs-prev]")).click();
    waitFor(
        "back on page 2",
        d -> "Page 2: 50 jobs".equals(count()) && "job-069".equals(shownIds().get(0)));

    // Sorting by job id ascending orders the page shown.
    driver.findElement(By.cssSelector("th[data-key=id]")).click();
    assertEquals("job-020", shownIds().get(0));
    assertEquals("job-069", shownIds().get(49));
    assertEquals(List.of(), consoleProblems());
  }

  @Test
  void aUserNameThatIsMarkupIsShownAsText() {
    open(
        "#/jobs?user="
            + java.net.URLEncoder.encode(XSS_USER, java.nio.charset.StandardCharsets.UTF_8),
        "jobs");
    waitFor("the one job of that user", d -> "Page 1: 1 job".equals(count()));
    assertEquals(
        XSS_USER,
        driver.findElement(By.cssSelector("[data-testid=jobs-rows] tr td:nth-child(2)")).getText());
    assertEquals(null, js("return window.jobsXss === undefined ? null : window.jobsXss"));
    assertEquals(
        XSS_USER,
        driver.findElement(By.cssSelector("input[data-filter=user]")).getAttribute("value"));
  }
}
