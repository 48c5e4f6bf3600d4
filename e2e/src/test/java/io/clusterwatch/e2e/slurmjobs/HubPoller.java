package io.clusterwatch.e2e.slurmjobs;

import io.clusterwatch.e2e.process.ChildProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks the hub's HTTP API again and again until an answer satisfies a condition, within a bounded
 * time: the hub offers no event for "the job is known", so the test polls its public API. Between
 * asks it pauses {@link #PAUSE}; a child process that died ends the wait at once.
 */
final class HubPoller {
  static final Duration PAUSE = Duration.ofMillis(100);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final String base;
  private final List<ChildProcess> watched;

  HubPoller(String base, List<ChildProcess> watched) {
    this.base = base;
    this.watched = watched;
  }

  /** The body of {@code path} when it answers 200, else empty (404 for a job not known yet). */
  /** The hub's base URL. */
  String base() {
    return base;
  }

  Optional<JsonObject> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<String> r =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return Optional.of(new JsonObject(r.body()));
  }

  /**
   * The first answer of {@code path} satisfying {@code ready} within {@code timeout}.
   *
   * @throws AssertionError with the last answer and {@code context} (e.g. the agent's output)
   */
  JsonObject await(
      String path, Predicate<JsonObject> ready, Duration timeout, Supplier<String> context)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<JsonObject> last = Optional.empty();
    while (true) {
      last = get(path);
      if (last.isPresent() && ready.test(last.get())) {
        return last.get();
      }
      for (ChildProcess p : watched) {
        if (!p.isAlive()) {
          throw new AssertionError(
              p + " exited while waiting on GET " + path + "; its output:\n" + p.output());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "GET "
                + path
                + " not ready within "
                + timeout
                + "; last answer: "
                + last.map(JsonObject::encode).orElse("404")
                + "\n"
                + context.get());
      }
      Thread.sleep(PAUSE.toMillis());
    }
  }
}
