package org.illbridge.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  private static List<Boolean> fills(long seed) {
    Behaviour b = Behaviour.reliable(seed).withFillRate(0.5);
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      out.add(b.fills("tx-" + i));
    }
    return out;
  }

  @Test
  void decisionsDependOnSeedAndKeyOnly() {
    assertEquals(fills(42), fills(42));
    assertNotEquals(fills(42), fills(43));
    long filled = fills(42).stream().filter(x -> x).count();
    assertTrue(filled > 70 && filled < 130, "about half of 200 filled, got " + filled);
  }

  @Test
  void extremeRatesAreAbsolute() {
    Behaviour never = Behaviour.reliable(1).withFillRate(0);
    Behaviour always = Behaviour.reliable(1).withLostRate(1).withMalformedRate(1);
    for (int i = 0; i < 50; i++) {
      assertFalse(never.fills("k" + i));
      assertTrue(always.fills("k" + i));
      assertTrue(always.loses("k" + i, "SHIPPED"));
      assertTrue(always.garbles("k" + i, "SHIPPED"));
      assertFalse(Behaviour.reliable(1).loses("k" + i, "SHIPPED"));
    }
  }

  @Test
  void namedMessagesAreAlwaysLostAndOnlyThose() {
    Behaviour b = Behaviour.reliable(1).withLostMessages(java.util.Set.of(" shipped ", "Loaned"));
    for (int i = 0; i < 50; i++) {
      assertTrue(b.loses("k" + i, "SHIPPED"));
      assertTrue(b.loses("k" + i, "SHIPPED#repeat1"), "a repeat of it too");
      assertTrue(b.loses("k" + i, "Loaned"), "ISO 18626 names, case ignored");
      assertFalse(b.loses("k" + i, "ILL_ANSWER_WILL_SUPPLY"));
      assertFalse(b.loses("k" + i, "STATUS_OR_ERROR_REPORT"));
    }
    assertEquals(java.util.Set.of("SHIPPED", "LOANED"), b.lostMessages());
    assertEquals(b.lostMessages(), b.withDelay(5).withFillRate(0.5).lostMessages(), "kept by with*");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Behaviour.reliable(1).withLostMessages(java.util.Set.of("SHIPPED;DROP")));
    assertTrue(e.getMessage().contains("SHIPPED;DROP"), e.getMessage());
    assertEquals(java.util.Set.of("SHIPPED", "CHECKED_IN"),
        PartnerComponent.lostMessages(new String[] {"SHIPPED, CHECKED_IN", " "}));
  }

  @Test
  void badSettingsAreRefusedWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Behaviour.reliable(1).withFillRate(1.5));
    assertTrue(e.getMessage().contains("fill rate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Behaviour.reliable(1).withDelay(-1));
    assertThrows(IllegalArgumentException.class,
        () -> DownPeriods.parse(new String[] {"abc"}));
    assertThrows(IllegalArgumentException.class,
        () -> DownPeriods.parse(new String[] {"500-100"}));
    PartnerSettings ftp = new PartnerSettings(AgencyId.parse("X"), PartnerKind.VDX, null, 0, null,
        URI.create("ftp://x/"), null, Behaviour.reliable(1), null);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new Iso10161Lender(ftp));
    assertTrue(bad.getMessage().contains("tcp://"), bad.getMessage());
  }

  @Test
  void downPeriodsMergeAndTellWhenUpAgain() {
    DownPeriods d = DownPeriods.parse(new String[] {"1000-2000, 2000-3000", "5000-6000"});
    assertFalse(d.isDown(999));
    assertTrue(d.isDown(1000));
    assertEquals(3000, d.upAgainAt(1500), "back-to-back periods are one outage");
    assertFalse(d.isDown(3000));
    assertEquals(4000, d.upAgainAt(4000));
    assertEquals(6000, d.upAgainAt(5999));
    assertFalse(DownPeriods.parse(null).isDown(0));
  }

  @Test
  void symbolFollowsTheCodecsConvention() {
    PartnerSettings isil = new PartnerSettings(AgencyId.parse("ISIL:CA-BVAU"), PartnerKind.ALMA_TCP,
        null, 0, null, URI.create("tcp://127.0.0.1:1"), null, Behaviour.reliable(1), null);
    assertEquals("CA-BVAU", isil.symbol());
    PartnerSettings oclc = new PartnerSettings(AgencyId.parse("OCLC:OCL"), PartnerKind.OCLC,
        null, 0, null, URI.create("tcp://127.0.0.1:1"), null, Behaviour.reliable(1), null);
    assertEquals("OCLC:OCL", oclc.symbol());
    assertEquals("/view/iso-ill", new PartnerSettings(AgencyId.parse("X"), PartnerKind.ALMA_HTTP,
        null, 0, null, URI.create("tcp://127.0.0.1:1"), null, Behaviour.reliable(1), null)
        .listenPath());
  }

  @Test
  void lendersFromACfgStringOrAnArray() {
    assertEquals(List.of("relais", "vdx", "oclc"),
        HomeSystem.lenders(new String[] {"relais, vdx", "oclc"}));
    assertEquals(List.of(), HomeSystem.lenders(null));
  }
}
