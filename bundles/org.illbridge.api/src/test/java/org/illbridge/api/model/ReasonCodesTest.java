package org.illbridge.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReasonCodesTest {

  @Test
  void iso10161NamesBecomeTheirIso18626Codes() {
    assertEquals("NotHeld", ReasonCodes.toIso18626("not-owned"));
    assertEquals("NotOnShelf", ReasonCodes.toIso18626("NOT_ON_SHELF"));
    assertEquals("CostExceedsMaxCost", ReasonCodes.toIso18626(" cost-exceeds-limit "));
    assertEquals("OnLoan", ReasonCodes.toIso18626("in-use-on-loan"));
  }

  @Test
  void iso18626CodesBecomeTheirIso10161Names() {
    assertEquals("not-owned", ReasonCodes.toIso10161("NotHeld"));
    assertEquals("policy-problem", ReasonCodes.toIso10161("policyproblem"));
    assertEquals("requested-delivery-services-not-supported", ReasonCodes.toIso10161("ReqDelMethodNotSupp"));
  }

  @Test
  void valuesWithoutCounterpartAreLeftAlone() {
    assertEquals("LoanCondition", ReasonCodes.toIso18626("LoanCondition"), "already 18626");
    assertEquals("lenders-exhausted", ReasonCodes.toIso18626("lenders-exhausted"), "the bridge's own");
    assertEquals("lost", ReasonCodes.toIso18626("lost"), "10161 only");
    assertNull(ReasonCodes.toIso10161("LoanCondition"));
    assertNull(ReasonCodes.toIso10161("not-owned"), "an ISO 10161 name is not an 18626 code");
    assertNull(ReasonCodes.toIso18626(null));
    assertNull(ReasonCodes.toIso10161(null));
  }

  @Test
  void everyPairTranslatesBackToItself() {
    for (String name : new String[] {"not-owned", "non-circulating", "not-on-shelf", "policy-problem",
        "poor-condition", "at-bindery", "cost-exceeds-limit", "not-found-as-cited", "in-use-on-loan",
        "on-order", "preferred-delivery-time-not-possible", "requested-delivery-services-not-supported"}) {
      assertEquals(name, ReasonCodes.toIso10161(ReasonCodes.toIso18626(name)), name);
    }
  }
}
