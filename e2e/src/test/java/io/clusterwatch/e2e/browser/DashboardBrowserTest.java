package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.StaticJob;
import io.clusterwatch.hub.jobs.StaticJobs;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in real headless Chromium against a real hub (in this JVM, on a real port) fed by
 * the simulator's agents over real WebSockets. Tests run in order on one browser: later ones reuse
 * the cluster the earlier ones waited for; the hub restart comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends SimulatedClusterBrowserTest {
  /**
   * Simulated nodes; -Ddashboard.nodes=16 gives the demo-sized picture for the README screenshot.
   */
  private static final int NODES = Integer.getInteger("dashboard.nodes", 3);

  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  private static final String XSS_USER = "<b onmouseover=alert(2)>mallory</b>";

  @BeforeAll
  void startClusterAndBrowser(@TempDir Path tmp) throws Exception {
    // Agents reconnect quickly after the restart test stops the hub.
    startCluster(HubConfig.defaults(), NODES);
    awaitHub(
        "every simulated GPU in /api/v1/cluster with a busy one among them",
        a -> {
          List<JsonObject> gpus = a.gpus();
          return gpus.size() == NODES * GPUS_PER_NODE
              && gpus.stream()
                  .anyMatch(g -> "busy".equals(g.getString("state")) && g.getValue("job") != null);
        });
    startBrowser(tmp);
  }

  @Test
  @Order(1)
  void clusterPageDrawsOneCellPerSimulatedGpu() throws Exception {
    open("#/", "cluster");
    int expected = api.gpus().size();
    assertEquals(NODES * GPUS_PER_NODE, expected);
    waitFor(
        "one cell per GPU",
        d ->
            String.valueOf(expected)
                .equals(
                    js("return document.querySelector('[data-testid=gpu-grid]').dataset.cells")));
    Number drawn =
        (Number)
            js(
                "const el = document.querySelector('[data-testid=gpu-grid]');"
                    + "return echarts.getInstanceByDom(el).getZr().storage.getDisplayList(true)"
                    + ".filter(e => e.name === 'gpu-cell').length");
    assertEquals(expected, drawn.intValue(), "GPU cells on the canvas");
    waitFor(
        "nodes up count",
        d ->
            String.valueOf(NODES)
                .equals(
                    driver
                        .findElement(By.cssSelector("[data-count=nodes_up] .count-value"))
                        .getText()));
    Screenshots.save(driver, "cluster");
  }

  @Test
  @Order(2)
  void clickingABusyGpuOpensItsJobPageWithThatJobsGpus() throws Exception {
    open("#/", "cluster");
    @SuppressWarnings("unchecked")
    Map<String, Object> cell =
        (Map<String, Object>)
            js(
                "return document.querySelector('[data-testid=gpu-grid]').cwCells"
                    + ".find(c => c.state === 'busy' && c.job !== null)");
    assertTrue(cell != null, "a busy GPU is drawn");
    String jobId = (String) cell.get("job");
    clickCell(cell);
    waitFor("the job page of " + jobId, d -> d.getCurrentUrl().contains("#/job/"));
    waitFor(
        "job page drawn",
        d -> "job".equals(js("return document.getElementById('view').dataset.ready")));
    assertTrue(driver.getCurrentUrl().endsWith("#/job/" + jobId), driver.getCurrentUrl());

    Set<String> expected = new TreeSet<>();
    for (Object o : api.job(jobId).getJsonArray("gpus")) {
      JsonObject g = (JsonObject) o;
      if (g.getValue("end_ms") == null) {
        expected.add(g.getString("host") + ":" + g.getInteger("index"));
      }
    }
    waitFor(
        "utilisation chart lines for the job's GPUs",
        d -> expected.equals(chartLineNames("gpu_util")));
    assertEquals(expected, chartLineNames("gpu_mem"));
    assertTrue(driver.findElement(By.cssSelector("h1")).getText().contains(jobId));
    Screenshots.save(driver, "job");
  }

  @Test
  @Order(3)
  void chartsAdvanceLiveWithoutReload() {
    if (!"job".equals(js("return document.getElementById('view').dataset.ready"))) {
      open("#/job/" + anyBusyJob(), "job");
    }
    js("window.cwSamePage = true");
    long first = newestPoint("gpu_util");
    waitFor("a newer point on the utilisation chart", d -> newestPoint("gpu_util") > first);
    waitFor("a newer point on the IB chart", d -> newestPoint("ib_rx") > first);
    assertEquals(
        Boolean.TRUE, js("return window.cwSamePage === true"), "the page was not reloaded");
  }

  @Test
  @Order(4)
  void userTextIsShownAsTextAndNeverRuns() throws Exception {
    JsonObject free =
        api.gpus().stream()
            .filter(g -> "free".equals(g.getString("state")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no free GPU to give the hostile job"));
    String host = free.getString("host");
    StaticJobs.apply(
        List.of(
            new StaticJob(
                "xss-1",
                XSS_USER,
                XSS_NAME,
                host,
                List.of(free.getString("uuid")),
                null,
                Map.of("note", XSS_NAME))),
        hub.services().jobs(),
        System.currentTimeMillis());

    open("#/job/xss-1", "job");
    assertTrue(driver.findElement(By.cssSelector("h1")).getText().contains(XSS_NAME));
    String facts = driver.findElement(By.cssSelector(".job-facts")).getText();
    assertTrue(facts.contains(XSS_USER) && facts.contains("note=" + XSS_NAME), facts);
    assertNoInjectedMarkup();

    open("#/", "cluster");
    @SuppressWarnings("unchecked")
    Map<String, Object> cell =
        (Map<String, Object>)
            js(
                "return document.querySelector('[data-testid=gpu-grid]').cwCells"
                    + ".find(c => c.host === arguments[0] && c.index === arguments[1])",
                host,
                free.getInteger("index"));
    hoverCell(cell);
    WebElement tooltip =
        waitFor(
            "the GPU tooltip",
            d ->
                d.findElements(By.cssSelector(".cw-tooltip")).stream()
                    .filter(WebElement::isDisplayed)
                    .filter(t -> t.getText().contains(XSS_NAME))
                    .findFirst()
                    .orElse(null));
    assertTrue(tooltip.getText().contains(XSS_USER), tooltip.getText());
    assertNoInjectedMarkup();
    Screenshots.save(driver, "cluster-tooltip");

    open("#/idle", "idle");
    waitFor(
        "the hostile job on the idle board",
        d -> d.findElement(By.cssSelector("[data-testid=idle-gpus]")).getText().contains(XSS_NAME));
    assertNoInjectedMarkup();
    Screenshots.save(driver, "idle");
  }

  @Test
  @Order(5)
  void nodePageShowsHealthThenEveryGpuPortAndDisk() throws Exception {
    open("#/node/gpu-node-01", "node");
    assertEquals(6, driver.findElements(By.cssSelector(".health-card")).size());
    List<WebElement> tables = driver.findElements(By.cssSelector("table.grid"));
    assertEquals(
        GPUS_PER_NODE, tables.get(0).findElements(By.cssSelector("tbody tr")).size(), "GPU rows");
    assertFalse(tables.get(1).findElements(By.cssSelector("tbody tr")).isEmpty(), "IB port rows");
    assertFalse(tables.get(2).findElements(By.cssSelector("tbody tr")).isEmpty(), "disk rows");
    Screenshots.save(driver, "node");
  }

  @Test
  @Order(6)
  void noPageBrokeTheContentSecurityPolicyOrThrew() {
    // Every console message since the browser started: all pages visited by the tests above.
    assertEquals(List.of(), consoleProblems());
  }

  @Test
  @Order(7)
  void pageRecoversAfterTheHubRestarts() throws Exception {
    open("#/node/gpu-node-01", "node");
    js("window.cwSamePage = true");
    WebElement banner = driver.findElement(By.id("banner"));
    assertFalse(banner.isDisplayed());

    hub.stop();
    waitFor("the lost-connection banner", d -> banner.isDisplayed());
    assertTrue(banner.getText().contains("Live connection lost, reconnecting"), banner.getText());
    // The page keeps trying with growing delays while the hub is away.
    waitFor("the third reconnect attempt", d -> banner.getText().contains("attempt 3"));
    Screenshots.save(driver, "connection-lost");

    long restartedAt = System.currentTimeMillis();
    hub.startAgain();
    waitFor("the banner to go", d -> !banner.isDisplayed());
    waitFor("live points from the restarted hub", d -> newestPoint("gpu_util") > restartedAt);
    assertEquals(
        Boolean.TRUE, js("return window.cwSamePage === true"), "recovered without a reload");
  }

  // ---- helpers

  private String anyBusyJob() {
    return api.gpus().stream()
        .filter(g -> "busy".equals(g.getString("state")) && g.getValue("job") != null)
        .map(g -> g.getJsonObject("job").getString("id"))
        .findFirst()
        .orElseThrow();
  }

  private long newestPoint(String panel) {
    Object v =
        js(
            "const el = document.querySelector('[data-panel=' + arguments[0] + ']');"
                + "return el && el.dataset.newestMs ? Number(el.dataset.newestMs) : -1",
            panel);
    return ((Number) v).longValue();
  }

  private Set<String> chartLineNames(String panel) {
    return new TreeSet<>(ChartLines.of(driver, panel).keySet());
  }

  /** Moves the mouse to the middle of a GPU cell (positions are relative to the grid element). */
  private Actions toCell(Map<String, Object> cell) {
    WebElement grid = driver.findElement(By.cssSelector("[data-testid=gpu-grid]"));
    Rectangle r = grid.getRect();
    double size = ((Number) cell.get("size")).doubleValue();
    int x =
        (int) Math.round(((Number) cell.get("x")).doubleValue() + size / 2 - r.getWidth() / 2.0);
    int y =
        (int) Math.round(((Number) cell.get("y")).doubleValue() + size / 2 - r.getHeight() / 2.0);
    return new Actions(driver).moveToElement(grid, x, y);
  }

  private void clickCell(Map<String, Object> cell) {
    toCell(cell).click().perform();
  }

  private void hoverCell(Map<String, Object> cell) {
    toCell(cell).perform();
  }

  /** No element came from user text, and no alert ever opened. */
  private void assertNoInjectedMarkup() {
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert opened");
    assertEquals(
        0L,
        ((Number)
                js(
                    "return document.querySelectorAll('#view img, .cw-tooltip img, .cw-tooltip b[onmouseover], #view b[onmouseover]').length"))
            .longValue());
  }
}
