package io.clusterwatch.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Roles from {@code roles:}: names and @groups, accounts merged over every matching entry. */
class RolesTest {
  private final Roles roles =
      new Roles(
          new RolesSettings(
              List.of("root", "@hpc-staff"),
              Map.of(
                  "tina", List.of("cs101"),
                  "@teachers", List.of("cs202", "ml-course"),
                  "@tas", List.of("cs101"))));

  private Viewer of(String user, String... groups) {
    return roles.of(new Identity(user, Set.of(groups)));
  }

  @Test
  void operatorsByNameOrGroupBeforeAnyInstructorEntry() {
    assertEquals(new Viewer("root", Role.OPERATOR, Set.of()), of("root"));
    assertEquals(new Viewer("tina", Role.OPERATOR, Set.of()), of("tina", "hpc-staff"));
  }

  @Test
  void instructorsGetTheAccountsOfEveryEntryTheyMatch() {
    assertEquals(new Viewer("tina", Role.INSTRUCTOR, Set.of("cs101")), of("tina"));
    assertEquals(
        new Viewer("tina", Role.INSTRUCTOR, Set.of("cs101", "cs202", "ml-course")),
        of("tina", "teachers", "tas"));
    assertEquals(new Viewer("sam", Role.INSTRUCTOR, Set.of("cs101")), of("sam", "tas"));
  }

  @Test
  void everyoneElseIsAParticipant() {
    assertEquals(new Viewer("alice", Role.PARTICIPANT, Set.of()), of("alice", "students"));
    // a group entry does not match a user of that name, nor a name entry a group
    assertEquals(Role.PARTICIPANT, of("teachers").role());
    assertEquals(Role.PARTICIPANT, of("alice", "tina").role());
  }
}
