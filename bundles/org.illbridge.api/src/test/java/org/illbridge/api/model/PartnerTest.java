package org.illbridge.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartnerTest {

  private static Partner plain() {
    return new Partner("p", "P", List.of(AgencyId.parse("ISIL:X")), Protocol.ISO18626, null, null,
        0, false, false, true, true);
  }

  @Test
  void theVersionOneConstructorGivesNoSettings() {
    Partner p = plain();
    assertEquals(Map.of(), p.settings());
    assertNull(p.setting("anything"));
  }

  @Test
  void settingsAreCopiedSortedAndUnmodifiable() {
    Map<String, String> given = new HashMap<>(Map.of("zeta", "1", "alpha", "2"));
    Partner p = plain().withSettings(given);
    given.put("alpha", "changed");
    assertEquals(List.of("alpha", "zeta"), List.copyOf(p.settings().keySet()));
    assertEquals("2", p.setting("alpha"));
    assertThrows(UnsupportedOperationException.class, () -> p.settings().put("x", "y"));
  }

  @Test
  void settingsTakePartInEquality() {
    assertNotEquals(plain(), plain().withSettings(Map.of("a", "b")));
    assertEquals(plain(), plain().withSettings(null));
  }

  @Test
  void aNullSettingValueIsRefused() {
    Map<String, String> bad = new HashMap<>();
    bad.put("a", null);
    assertThrows(NullPointerException.class, () -> plain().withSettings(bad));
  }

  @Test
  void theBlockedLendersListIsCopiedWithoutDuplicatesAndKeptBySettingsChanges() {
    List<String> given = new java.util.ArrayList<>(List.of("relais-ubc", "oclc-x", "relais-ubc"));
    Partner p = plain().withBlockedLenders(given);
    given.clear();
    assertEquals(List.of("relais-ubc", "oclc-x"), p.blockedLenders());
    assertTrue(p.blocksLender("oclc-x"));
    assertFalse(p.blocksLender("alma-y"));
    assertEquals(List.of("relais-ubc", "oclc-x"), p.withSettings(Map.of("a", "b")).blockedLenders());
    assertThrows(UnsupportedOperationException.class, () -> p.blockedLenders().add("z"));
  }

  @Test
  void olderConstructorsGiveAnEmptyBlockedLendersList() {
    assertEquals(List.of(), plain().blockedLenders());
    assertEquals(List.of(), plain().withSettings(Map.of("a", "b")).blockedLenders());
    assertNotEquals(plain(), plain().withBlockedLenders(List.of("x")));
  }
}
