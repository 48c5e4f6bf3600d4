package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.e2e.ldap.Slapd;
import io.clusterwatch.hub.auth.AuthSettings;
import io.clusterwatch.hub.auth.LdapSettings;
import io.clusterwatch.hub.config.HubConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A hub in {@code auth.mode: ldap} against a real slapd, and headless Chromium logging in through
 * the login page: the dashboard sends it to the login page, a wrong password is refused with the
 * hub's message, the right one leads back to the page asked for, drawn from the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapLoginBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Slapd slapd;
  private HubUnderTest hub;
  private ChromeDriver driver;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Browsers.requireInstalled();
    slapd = Slapd.start(dir.resolve("slapd"));
    LdapSettings ldap =
        new LdapSettings(
            slapd.url(),
            null,
            null,
            "uid={user},ou=people," + Slapd.SUFFIX,
            Slapd.SUFFIX,
            null,
            null,
            null,
            "(|(member={dn})(memberUid={user}))",
            null,
            Duration.ofSeconds(5));
    AuthSettings auth = new AuthSettings("ldap", null, ldap, null, null, null, null);
    HubConfig config =
        new HubConfig(null, null, null, null, null, null, null, null, null, null, auth, null, null);
    hub = HubUnderTest.start(config);
    driver = Browsers.start(dir, 1280, 900);
  }

  @AfterAll
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (hub != null) {
      hub.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  private <T> T waitFor(String what, Function<ChromeDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .withMessage("waiting for " + what)
        .until(d -> condition.apply(driver));
  }

  private void submit(String user, String password) {
    driver.findElement(By.id("user")).clear();
    driver.findElement(By.id("user")).sendKeys(user);
    driver.findElement(By.id("password")).clear();
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("submit")).click();
  }

  @Test
  void aUserLogsInThroughTheLoginPageAndSeesTheDashboard() throws Exception {
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/v1/jobs")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode(), anonymous.body());

    driver.get(hub.baseUrl() + "/#/jobs");
    waitFor("the login page", d -> d.getCurrentUrl().contains("/login.html?return_to="));

    submit("alice", "not-her-password");
    String error =
        waitFor(
            "the refusal",
            d -> {
              String text = d.findElement(By.id("login-error")).getText();
              return text.isEmpty() ? null : text;
            });
    assertEquals("login failed: wrong user name or password", error);
    assertTrue(driver.getCurrentUrl().contains("/login.html"));

    submit("alice", "alice-pw");
    // the view is drawn only once the API answered with the session cookie
    waitFor(
        "the jobs page, drawn",
        d ->
            "jobs"
                .equals(
                    js("const v = document.getElementById('view'); return v && v.dataset.ready")));
    assertEquals(hub.baseUrl() + "/#/jobs", driver.getCurrentUrl());
    // HttpOnly: the page's scripts never see the session id
    assertFalse(String.valueOf(js("return document.cookie")).contains("clusterwatch_session"));
    assertEquals(1, hub.services().login().sessions().sessions().size());
  }

  private Object js(String script) {
    return driver.executeScript(script);
  }
}
