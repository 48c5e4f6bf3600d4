package io.clusterwatch.hub.auth.ldap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS sockets of an {@code ldaps://} connection that trusts {@code auth.ldap.ca_file}. JNDI
 * takes a socket factory only as a class name ({@code java.naming.ldap.factory.socket}) and calls
 * its static {@code getDefault()} on the thread that opens the connection; so the factory to use is
 * handed over in a thread-local, set by {@link #use} only around opening a connection, and cleared
 * after.
 */
public final class CaSocketFactory extends SocketFactory {
  private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

  private final SSLSocketFactory delegate;

  private CaSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  /** Something that opens a JNDI connection. */
  @FunctionalInterface
  interface Opening<T, E extends Exception> {
    T open() throws E;
  }

  /** Runs {@code opening} with {@code factory} as what {@link #getDefault()} gives. */
  static <T, E extends Exception> T use(SSLSocketFactory factory, Opening<T, E> opening) throws E {
    CURRENT.set(factory);
    try {
      return opening.open();
    } finally {
      CURRENT.remove();
    }
  }

  /** Called by JNDI, reflectively. */
  public static SocketFactory getDefault() {
    SSLSocketFactory factory = CURRENT.get();
    if (factory == null) {
      throw new IllegalStateException("no LDAP TLS socket factory set on this thread");
    }
    return new CaSocketFactory(factory);
  }

  @Override
  public Socket createSocket() throws IOException {
    return delegate.createSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return delegate.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, localAddress, localPort);
  }
}
