package io.clusterwatch.hub.auth.ldap;

import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LdapSettings;
import io.clusterwatch.hub.auth.LoginRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLSocketFactory;

/**
 * The directory of {@code auth.ldap}, asked through the JDK's JNDI LDAP client. Every method blocks
 * on the network (bounded by {@code timeout}): call it from a worker thread only.
 */
public final class LdapDirectory {
  private static final int MAX_GROUPS = 1000;

  /** The attribute that holds the login name: the one right before {@code ={user}}. */
  private static final Pattern NAME_ATTRIBUTE =
      Pattern.compile("([A-Za-z][A-Za-z0-9-]*)=\\{user\\}");

  private final LdapSettings settings;

  /** Sockets trusting {@code ca_file}; null: the JVM's trust store. */
  private final SSLSocketFactory tls;

  /** The password of {@code bind_dn}, or null. */
  private final String bindPassword;

  private LdapDirectory(LdapSettings settings, SSLSocketFactory tls, String bindPassword) {
    this.settings = settings;
    this.tls = tls;
    this.bindPassword = bindPassword;
  }

  /** Reads {@code ca_file} and {@code bind_password_file}; connects to nothing yet. */
  public static LdapDirectory of(LdapSettings settings) {
    SSLSocketFactory tls =
        settings.caFile() == null ? null : LdapTrust.trusting(Path.of(settings.caFile()));
    String bindPassword = null;
    if (settings.bindPasswordFile() != null) {
      Path file = Path.of(settings.bindPasswordFile());
      try {
        bindPassword = Files.readString(file).strip();
      } catch (IOException e) {
        throw new ConfigException(
            "bind_password_file", "cannot read " + file + ": " + e.getMessage());
      }
      if (bindPassword.isEmpty()) {
        throw new ConfigException("bind_password_file", file + " is empty");
      }
    }
    return new LdapDirectory(settings, tls, bindPassword);
  }

  /**
   * Binds as {@code user} with {@code password} and reads the user's groups.
   *
   * @throws LoginRefusedException unknown user or wrong password
   * @throws NamingException the directory could not be asked
   */
  public Identity login(String user, String password)
      throws LoginRefusedException, NamingException {
    if (user.isEmpty() || password.isEmpty()) {
      // an empty password is an unauthenticated bind (RFC 4513 5.1.2): it would "succeed"
      throw new LoginRefusedException("empty user name or password");
    }
    String dn = userDn(user);
    LdapContext ctx;
    try {
      ctx = open(dn, password);
    } catch (AuthenticationException e) {
      throw new LoginRefusedException("bind as " + dn + " refused: " + e.getMessage());
    }
    try {
      String name = directoryName(ctx, dn, user);
      return new Identity(name, groups(ctx, dn, name));
    } finally {
      ctx.close();
    }
  }

  /**
   * The login name as the directory spells it. Directories compare names ignoring case and extra
   * spaces, so {@code ALICE} and {@code alice } bind as alice; the identity must still be {@code
   * alice}, the name her jobs carry. The attribute is the one the template or filter puts {@code
   * {user}} in; without one the name stays as typed.
   */
  // BanJNDI: getAttributes returns attribute values, never a Java object.
  @SuppressWarnings("BanJNDI")
  private String directoryName(LdapContext ctx, String dn, String typed) throws NamingException {
    Matcher m =
        NAME_ATTRIBUTE.matcher(
            settings.userDnTemplate() != null ? settings.userDnTemplate() : settings.userFilter());
    if (!m.find()) {
      return typed;
    }
    Attribute values =
        ctx.getAttributes(new LdapName(dn), new String[] {m.group(1)}).get(m.group(1));
    if (values != null) {
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i).toString();
        if (value.equalsIgnoreCase(typed.strip())) {
          return value;
        }
      }
    }
    return typed;
  }

  // BanJNDI: search results are attributes only (setReturningObjFlag(false)), so no Java object
  // held in the directory is ever deserialized or looked up.
  @SuppressWarnings("BanJNDI")
  private String userDn(String user) throws LoginRefusedException, NamingException {
    if (settings.userDnTemplate() != null) {
      return fill(settings.userDnTemplate(), Map.of("user", LdapEscape.dnValue(user)));
    }
    String filter = fill(settings.userFilter(), Map.of("user", LdapEscape.filterValue(user)));
    LdapContext ctx = open(settings.bindDn(), bindPassword);
    try {
      SearchControls controls = new SearchControls();
      controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
      controls.setReturningObjFlag(false);
      controls.setReturningObjFlag(false);
      controls.setReturningAttributes(new String[0]);
      // two are enough to know that the filter is ambiguous
      controls.setCountLimit(2);
      controls.setTimeLimit((int) settings.timeout().toMillis());
      String found = null;
      int count = 0;
      NamingEnumeration<SearchResult> results =
          ctx.search(new LdapName(settings.baseDn()), filter, controls);
      try {
        while (results.hasMore()) {
          found = results.next().getNameInNamespace();
          count++;
        }
      } catch (SizeLimitExceededException e) {
        count = Math.max(count, 2);
      } finally {
        results.close();
      }
      if (count == 0) {
        throw new LoginRefusedException("no entry matches " + filter);
      }
      if (count > 1) {
        throw new LoginRefusedException("several entries match " + filter);
      }
      return found;
    } finally {
      ctx.close();
    }
  }

  // BanJNDI: search results are attributes only (setReturningObjFlag(false)), so no Java object
  // held in the directory is ever deserialized or looked up.
  @SuppressWarnings("BanJNDI")
  private Set<String> groups(LdapContext ctx, String dn, String user) throws NamingException {
    Set<String> groups = new TreeSet<>();
    if (settings.groupFilter() == null) {
      return groups;
    }
    String filter =
        fill(
            settings.groupFilter(),
            Map.of("dn", LdapEscape.filterValue(dn), "user", LdapEscape.filterValue(user)));
    SearchControls controls = new SearchControls();
    controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
    controls.setReturningObjFlag(false);
    controls.setReturningAttributes(new String[] {settings.groupNameAttribute()});
    controls.setCountLimit(MAX_GROUPS);
    controls.setTimeLimit((int) settings.timeout().toMillis());
    NamingEnumeration<SearchResult> results =
        ctx.search(new LdapName(settings.baseDn()), filter, controls);
    try {
      while (results.hasMore()) {
        Attribute names = results.next().getAttributes().get(settings.groupNameAttribute());
        if (names != null && names.size() > 0) {
          groups.add(names.get(0).toString());
        }
      }
    } catch (SizeLimitExceededException e) {
      // more than MAX_GROUPS groups: keep the first ones rather than refuse the login
    } finally {
      results.close();
    }
    return groups;
  }

  /**
   * A connection bound as {@code dn}, or anonymous when {@code dn} is null; over TLS when the URL
   * is {@code ldaps://} or {@code start_tls} is set.
   */
  private LdapContext open(String dn, String password) throws NamingException {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, settings.url());
    env.put(Context.REFERRAL, "ignore");
    String ms = Long.toString(settings.timeout().toMillis());
    env.put("com.sun.jndi.ldap.connect.timeout", ms);
    env.put("com.sun.jndi.ldap.read.timeout", ms);
    env.put("com.sun.jndi.ldap.connect.pool", "false");
    if (settings.startTls()) {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
      LdapContext ctx = new InitialLdapContext(env, null);
      try {
        StartTlsResponse response = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
        response.negotiate(tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault());
        if (dn != null) {
          credentials(ctx, dn, password);
          // binds on the connection that now runs TLS
          ctx.reconnect(null);
        }
        return ctx;
      } catch (IOException e) {
        ctx.close();
        NamingException n = new NamingException("StartTLS with " + settings.url() + " failed");
        n.setRootCause(e);
        throw n;
      } catch (NamingException | RuntimeException e) {
        ctx.close();
        throw e;
      }
    }
    if (dn != null) {
      env.put(Context.SECURITY_AUTHENTICATION, "simple");
      env.put(Context.SECURITY_PRINCIPAL, dn);
      env.put(Context.SECURITY_CREDENTIALS, password);
    } else {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
    }
    if (settings.ldaps() && tls != null) {
      env.put("java.naming.ldap.factory.socket", CaSocketFactory.class.getName());
      return CaSocketFactory.use(tls, () -> new InitialLdapContext(env, null));
    }
    return new InitialLdapContext(env, null);
  }

  private static void credentials(LdapContext ctx, String dn, String password)
      throws NamingException {
    if (password == null || password.isEmpty()) {
      throw new AuthenticationException("empty password");
    }
    ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
    ctx.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
    ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, password);
  }

  /**
   * {@code template} with each {@code {name}} replaced by its (already escaped) value, in one pass:
   * a value that itself contains {@code {dn}} is not filled again.
   */
  static String fill(String template, Map<String, String> values) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      if (open < 0 || close < 0) {
        break;
      }
      String value = values.get(template.substring(open + 1, close));
      b.append(template, i, open);
      if (value == null) {
        b.append(template, open, close + 1);
      } else {
        b.append(value);
      }
      i = close + 1;
    }
    return b.append(template.substring(i)).toString();
  }
}
