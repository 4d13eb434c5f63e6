package org.illbridge.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IllMessageTest {

  @Test
  void nullAttributeValueRemovesTheAttributeInsteadOfFailingTheBuild() {
    IllMessage m =
        IllMessage.builder(MessageType.SHIPPED)
            .attribute("iso10161.a", "1")
            .attribute("iso10161.b", "2")
            .attribute("iso10161.a", null)
            .build();
    assertFalse(m.attributes().containsKey("iso10161.a"));
    assertEquals("2", m.attributes().get("iso10161.b"));
  }

  @Test
  void toBuilderKeepsEveryField() {
    IllMessage m =
        IllMessage.builder(MessageType.REQUEST)
            .requesterTransactionId("T1")
            .sender(AgencyId.parse("ISIL:CA-BVAS"))
            .recipient(AgencyId.parse("NUC:BVAU"))
            .serviceType(ServiceType.LOAN)
            .item(Item.titled("Moby Dick"))
            .note("please")
            .warning("normalised")
            .build();
    assertEquals(m, m.toBuilder().build());
  }

  @Test
  void agencyIdsAreParsedAndNormalised() {
    assertEquals(new AgencyId(AgencyIdScheme.ISIL, "CA-BVAS"), AgencyId.parse("isil:ca-bvas"));
    assertEquals(AgencyIdScheme.OTHER, AgencyId.parse("BVAS").scheme());
    assertEquals("NUC:BKU", AgencyId.parse("nuc: bku ").toString());
    assertThrows(IllegalArgumentException.class, () -> AgencyId.parse("ISIL:  "));
  }
}
