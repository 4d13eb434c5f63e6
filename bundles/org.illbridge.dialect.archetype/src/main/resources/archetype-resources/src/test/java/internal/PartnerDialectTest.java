package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.Role;
import org.junit.jupiter.api.Test;

/** One test per rule of the dialect: construct it directly, no OSGi needed. */
class PartnerDialectTest {

  private final PartnerDialect dialect = new PartnerDialect();

  private static Partner partner(boolean notesAllowed) {
    return new Partner("p1", "A partner", List.of(AgencyId.parse("ISIL:XX-P1")), Protocol.ISO10161,
        PartnerDialect.ID, List.of(), 8, false, false, notesAllowed, true);
  }

  @Test
  void idIsTheServiceProperty() {
    assertEquals("${dialectId}", dialect.id());
  }

  @Test
  void supportedMessagesPerRole() {
    assertEquals(PartnerDialect.TO_LENDER, dialect.supportedOutbound(Role.REQUESTER));
    assertEquals(PartnerDialect.TO_BORROWER, dialect.supportedOutbound(Role.SUPPLIER));
  }

  @Test
  void unsupportedMessageIsSkipped() {
    assertInstanceOf(OutboundDecision.Skip.class,
        dialect.outbound(IllMessage.builder(MessageType.CONDITIONAL).build(), partner(true)));
  }

  @Test
  void requestWithoutTitleIsRefused() {
    assertInstanceOf(OutboundDecision.Refuse.class,
        dialect.outbound(IllMessage.builder(MessageType.REQUEST).build(), partner(true)));
  }

  @Test
  void noteIsDroppedWhenThePartnerTakesNone() {
    IllMessage m = IllMessage.builder(MessageType.REQUEST).item(Item.titled("Emma")).note("rush").build();
    OutboundDecision.Send send = assertInstanceOf(OutboundDecision.Send.class, dialect.outbound(m, partner(false)));
    assertNull(send.message().note());
    assertEquals(1, send.warnings().size());
    assertEquals("rush", ((OutboundDecision.Send) dialect.outbound(m, partner(true))).message().note());
  }
}
