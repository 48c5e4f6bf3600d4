package io.clusterwatch.hub.auth.oidc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;

/** The client secret, read from {@code auth.oidc.client_secret_file} off the event loop. */
final class ClientSecret {
  private ClientSecret() {}

  /**
   * @param file the secret's file, or null for a public client
   * @return the secret without surrounding white space (a trailing newline is usual), or null for a
   *     public client; failed with a message naming the key and the file when it cannot be read or
   *     is empty
   */
  static Future<String> read(Vertx vertx, String file) {
    if (file == null) {
      return Future.succeededFuture(null);
    }
    return vertx
        .fileSystem()
        .readFile(file)
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "auth.oidc.client_secret_file: cannot read '"
                            + file
                            + "': "
                            + e.getMessage(),
                        e)))
        .compose(
            bytes -> {
              String secret = bytes.toString(StandardCharsets.UTF_8).strip();
              if (secret.isEmpty()) {
                return Future.failedFuture(
                    new IllegalStateException(
                        "auth.oidc.client_secret_file: '" + file + "' is empty"));
              }
              return Future.succeededFuture(secret);
            });
  }
}
