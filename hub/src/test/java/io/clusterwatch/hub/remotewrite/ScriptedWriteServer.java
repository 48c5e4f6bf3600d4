package io.clusterwatch.hub.remotewrite;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A remote-write receiver on port 0 that answers from a script (status and headers per request, 204
 * once the script is used up) and hands every request it got to the test.
 */
final class ScriptedWriteServer implements AutoCloseable {
  record Answer(int status, Map<String, String> headers) {}

  record Received(long atNanos, MultiMap headers, DecodedWriteRequest request, int status) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile int refusing;

  ScriptedWriteServer(Vertx vertx) {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              Answer a;
                              synchronized (script) {
                                a = script.isEmpty() ? new Answer(204, Map.of()) : script.poll();
                              }
                              if (refusing != 0) {
                                a = new Answer(refusing, Map.of());
                              }
                              try {
                                received.add(
                                    new Received(
                                        System.nanoTime(),
                                        req.headers(),
                                        DecodedWriteRequest.fromSnappy(body.getBytes()),
                                        a.status()));
                              } catch (java.io.IOException e) {
                                req.response()
                                    .setStatusCode(400)
                                    .end("bad body: " + e.getMessage());
                                return;
                              }
                              a.headers().forEach(req.response()::putHeader);
                              req.response()
                                  .setStatusCode(a.status())
                                  .end(a.status() / 100 == 2 ? "" : "scripted " + a.status());
                            }));
    server.listen(0, "127.0.0.1").await();
  }

  void then(int status, Map<String, String> headers) {
    synchronized (script) {
      script.add(new Answer(status, headers));
    }
  }

  void then(int status) {
    then(status, Map.of());
  }

  /** From now on every request is answered {@code status} (the database is down). */
  void refuseAll(int status) {
    refusing = status;
  }

  /** From now on requests are answered by the script again (the database is back). */
  void acceptAll() {
    refusing = 0;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/api/v1/write";
  }

  /** The next request, waiting for it at most 10 s. */
  Received next() throws InterruptedException {
    Received r = received.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no remote write request within 10 s");
    }
    return r;
  }

  /** The next request if one arrives within {@code ms}. */
  Received nextWithin(long ms) throws InterruptedException {
    return received.poll(ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.close().await();
  }
}
