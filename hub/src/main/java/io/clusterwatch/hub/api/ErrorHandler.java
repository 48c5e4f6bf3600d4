package io.clusterwatch.hub.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;

/**
 * Turns every failure into {@code {"error": "..."}} with its status: an {@link ApiException}'s own
 * status and message, the status a handler failed with (404, 405, 413, ...), or 500 for anything
 * unexpected, whose details go to the log and never to the client.
 */
public final class ErrorHandler implements Handler<RoutingContext> {
  private static final System.Logger LOG = System.getLogger(ErrorHandler.class.getName());

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    if (failure instanceof ApiException e) {
      status = e.status();
      message = e.getMessage();
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status = ctx.statusCode();
      message = reason(status);
    } else {
      status = 500;
      message = "internal error";
      LOG.log(
          Level.WARNING,
          "request " + ctx.request().method() + " " + ctx.request().path() + " failed",
          failure);
    }
    send(ctx.response(), status, message);
  }

  static void send(HttpServerResponse response, int status, String message) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(Json.encode(new ApiError(message)));
  }

  static String reason(int status) {
    switch (status) {
      case 400:
        return "bad request";
      case 404:
        return "not found";
      case 405:
        return "method not allowed";
      case 413:
        return "request body too large";
      default:
        return "request failed with status " + status;
    }
  }

  /** For router error handlers (no route matched): a JSON body with the status's reason. */
  public static Handler<RoutingContext> forStatus(int status) {
    return ctx -> send(ctx.response(), status, reason(status));
  }
}
