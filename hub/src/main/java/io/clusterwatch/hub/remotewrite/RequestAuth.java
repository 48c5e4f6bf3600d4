package io.clusterwatch.hub.remotewrite;

import io.clusterwatch.common.config.ConfigException;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The {@code Authorization} header of one endpoint, from {@code basic_auth} or {@code
 * bearer_token_file}. The secret files are read once, when the hub starts, so that a missing file
 * stops the start with a message naming it rather than failing every request.
 */
public final class RequestAuth {
  private final String authorization;

  private RequestAuth(String authorization) {
    this.authorization = authorization;
  }

  public static RequestAuth of(RemoteWriteSettings settings) {
    if (settings.basicAuth() != null) {
      String password = secret("basic_auth.password_file", settings.basicAuth().passwordFile());
      String pair = settings.basicAuth().username() + ":" + password;
      return new RequestAuth(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    if (settings.bearerTokenFile() != null) {
      return new RequestAuth("Bearer " + secret("bearer_token_file", settings.bearerTokenFile()));
    }
    return new RequestAuth(null);
  }

  void apply(MultiMap headers) {
    if (authorization != null) {
      headers.set("Authorization", authorization);
    }
  }

  private static String secret(String key, String file) {
    try {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new ConfigException(key, file + " is empty");
      }
      return text;
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
