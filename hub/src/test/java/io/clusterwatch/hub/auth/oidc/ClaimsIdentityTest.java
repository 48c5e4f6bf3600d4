package io.clusterwatch.hub.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Claims as Keycloak, Entra ID and Authentik write them, mapped to an identity. */
class ClaimsIdentityTest {
  private final ClaimsIdentity keycloak = new ClaimsIdentity("preferred_username", "groups");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"preferred_username\":\"alice\",\"groups\":[\"course-a\",\"hpc-staff\"]} | alice | course-a,hpc-staff",
        "{\"preferred_username\":\"alice\",\"groups\":[]} | alice | ''",
        "{\"preferred_username\":\"alice\"} | alice | ''",
        "{\"preferred_username\":\"alice\",\"groups\":null} | alice | ''",
        "{\"preferred_username\":\"alice\",\"groups\":\"course-a\"} | alice | course-a",
        "{\"preferred_username\":\"alice\",\"groups\":[\"/course-a\",\"course-a\",\"\"]} | alice | /course-a,course-a",
      })
  void nameAndGroups(String claims, String user, String groups) throws Exception {
    Set<String> expected = groups.isEmpty() ? Set.of() : Set.of(groups.split(","));
    assertEquals(new Identity(user, expected), keycloak.of(new JsonObject(claims)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"sub\":\"x\"} | ID token has no 'preferred_username' claim (username_claim) with a name",
        "{\"preferred_username\":\"\"} | ID token has no 'preferred_username' claim (username_claim) with a name",
        "{\"preferred_username\":42} | ID token has no 'preferred_username' claim (username_claim) with a name",
        "{\"preferred_username\":\"alice\",\"groups\":{\"a\":1}} | ID token claim 'groups' (groups_claim) is neither a list nor a string: {\"a\":1}",
        "{\"preferred_username\":\"alice\",\"groups\":[\"a\",7]} | ID token claim 'groups' (groups_claim) lists a non-string: 7",
      })
  void claimsThatNameNoOne(String claims, String problem) {
    LoginRefusedException e =
        assertThrows(LoginRefusedException.class, () -> keycloak.of(new JsonObject(claims)));
    assertEquals(problem, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upn | roles | {\"upn\":\"bob@uni.example\",\"roles\":[\"Course.A\"]} | bob@uni.example | Course.A",
        "email | ak_groups | {\"email\":\"c@x.org\",\"preferred_username\":\"c\",\"ak_groups\":[\"hpc\"]} | c@x.org | hpc",
      })
  void otherClaimNames(
      String userClaim, String groupsClaim, String claims, String user, String group)
      throws Exception {
    assertEquals(
        new Identity(user, Set.of(group)),
        new ClaimsIdentity(userClaim, groupsClaim).of(new JsonObject(claims)));
  }
}
