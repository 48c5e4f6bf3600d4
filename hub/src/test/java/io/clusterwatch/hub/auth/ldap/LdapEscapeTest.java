package io.clusterwatch.hub.auth.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LdapEscapeTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "alice|alice",
        "dana+ops|dana\\+ops",
        "a,ou=admins|a\\,ou\\=admins",
        "'x\"y;z<w>'|'x\\\"y\\;z\\<w\\>'",
        "back\\slash|back\\\\slash",
        "'#lead'|'\\#lead'",
        "'mid#dle'|'mid#dle'",
        "' both '|'\\ both\\ '",
        "élève|élève"
      })
  void dnValuesFollowRfc4514(String raw, String escaped) {
    assertEquals(escaped, LdapEscape.dnValue(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "alice|alice",
        "*|\\2a",
        "*)(uid=*|\\2a\\29\\28uid=\\2a",
        "a\\b|a\\5cb",
        "dana+ops|dana+ops",
        "élève|élève"
      })
  void filterValuesFollowRfc4515(String raw, String escaped) {
    assertEquals(escaped, LdapEscape.filterValue(raw));
  }

  @org.junit.jupiter.api.Test
  void nulIsEscapedInBoth() {
    assertEquals("a\\00b", LdapEscape.dnValue("a\0b"));
    assertEquals("a\\00b", LdapEscape.filterValue("a\0b"));
  }

  @org.junit.jupiter.api.Test
  void templatesAreFilledInOnePass() {
    assertEquals(
        "(|(member=uid=x\\2a)(memberUid={dn}))",
        LdapDirectory.fill(
            "(|(member={dn})(memberUid={user}))", Map.of("dn", "uid=x\\2a", "user", "{dn}")));
    assertEquals("(cn={other})", LdapDirectory.fill("(cn={other})", Map.of("user", "u")));
  }
}
