package io.clusterwatch.hub.auth;

/**
 * A login the method refused: unknown user, wrong password, expired or foreign token. The message
 * is for the hub's log only; the user is told no more than that the login failed.
 */
public final class LoginRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public LoginRefusedException(String message) {
    super(message);
  }
}
