package org.illbridge.dialect.vdx.internal;

import static org.illbridge.api.model.MessageType.*;
import static org.illbridge.dialect.vdx.internal.Fixtures.message;
import static org.illbridge.dialect.vdx.internal.Fixtures.rru;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.dialect.OutboundDecision.Refuse;
import org.illbridge.api.dialect.OutboundDecision.Send;
import org.illbridge.api.dialect.OutboundDecision.Skip;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test (or group) per rule of the README (seed 000). */
class VdxDialectTest {

  private final VdxDialect dialect = new VdxDialect();

  @Test
  void idIsVdx() {
    assertEquals("vdx", dialect.id());
  }

  // Rule V1: only basic messages, per role.
  @Test
  void basicMessagesToALender() {
    assertEquals(EnumSet.of(REQUEST, CANCEL, RECEIVED, RETURNED, RENEW),
        dialect.supportedOutbound(Role.REQUESTER));
  }

  @Test
  void basicMessagesToABorrower() {
    assertEquals(EnumSet.of(WILL_SUPPLY, SHIPPED, UNFILLED, CANCEL_REPLY, RENEW_ANSWER, CHECKED_IN),
        dialect.supportedOutbound(Role.SUPPLIER));
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void outboundAgreesWithSupportedOutbound(MessageType type) {
    OutboundDecision d = dialect.outbound(message(type).build(), rru());
    boolean supported = dialect.supportedOutbound(Role.REQUESTER).contains(type)
        || dialect.supportedOutbound(Role.SUPPLIER).contains(type);
    assertEquals(supported, d instanceof Send, type + " -> " + d);
  }

  @Test
  void supportedSetsCannotBeChangedByACaller() {
    Set<MessageType> s = dialect.supportedOutbound(Role.REQUESTER);
    assertThrows(UnsupportedOperationException.class, () -> s.add(CONDITIONAL));
  }

  @Test
  void unsupportedInformationalMessageIsSkippedWithAHumanReason() {
    Skip skip = assertInstanceOf(Skip.class, dialect.outbound(message(STATUS_QUERY).build(), rru()));
    assertEquals("VDX partners do not receive Status-Query messages; only basic messages are sent to them.",
        skip.reason());
  }

  // Rule V2: no Conditional (nor other non-basic answers the borrower would wait for).
  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"CONDITIONAL", "RETRY_POSSIBLE", "LOCATIONS_PROVIDED", "ESTIMATE"})
  void nonBasicAnswersAreRefusedSoStaffAnswerAgain(MessageType type) {
    Refuse r = assertInstanceOf(Refuse.class, dialect.outbound(message(type).build(), rru()));
    assertTrue(r.reason().startsWith("VDX partners cannot receive a " + Texts.TEXTS.type(type) + " answer"), r.reason());
    assertFalse(r.reason().contains(type.name()), "raw code in " + r.reason());
  }

  // Rule V3: notes may not pass.
  @Test
  void noteMessageIsSkipped() {
    Skip skip = assertInstanceOf(Skip.class,
        dialect.outbound(message(NOTE).note("please rush").build(), rru()));
    assertTrue(skip.reason().contains("email or telephone"), skip.reason());
  }

  @Test
  void noteIsDroppedWithAWarningEvenWhenThePartnerAllowsNotes() {
    IllMessage in = message(REQUEST).note("rush please")
        .attribute("iso10161.requester-note", "rush please")
        .attribute("iso10161.level-of-service", "normal").build();
    Send send = assertInstanceOf(Send.class, dialect.outbound(in, rru(8, true)));
    assertNull(send.message().note());
    assertFalse(send.message().attributes().containsKey("iso10161.requester-note"));
    assertEquals("normal", send.message().attributes().get("iso10161.level-of-service"));
    assertEquals(1, send.warnings().size());
    assertTrue(send.warnings().get(0).startsWith("The note was not sent"), send.warnings().toString());
    // everything else is kept
    assertEquals(in.requesterTransactionId(), send.message().requesterTransactionId());
    assertEquals(in.item(), send.message().item());
  }

  @Test
  void messageWithoutNoteIsSentUnchangedWithoutWarning() {
    IllMessage in = message(RECEIVED).build();
    Send send = assertInstanceOf(Send.class, dialect.outbound(in, rru()));
    assertSame(in, send.message());
    assertTrue(send.warnings().isEmpty());
  }

  // Rule V4: standard ISO 10161; Received and Returned are sent, nothing is normalised inbound.
  @Test
  void receivedAndReturnedAreSent() {
    assertInstanceOf(Send.class, dialect.outbound(message(RECEIVED).build(), rru()));
    assertInstanceOf(Send.class, dialect.outbound(message(RETURNED).build(), rru()));
  }

  @Test
  void inboundIsLeftAsItIs() {
    IllMessage in = message(UNFILLED).sender(Fixtures.RRU).recipient(Fixtures.US).note("sorry").build();
    assertSame(in, dialect.inbound(in, rru()));
  }

  @Test
  void badInputIsAClearError() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> dialect.outbound(null, rru()));
    assertEquals("message", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> dialect.outbound(message(REQUEST).build(), null));
    assertEquals("partner", e.getMessage());
    assertThrows(NullPointerException.class, () -> dialect.supportedOutbound(null));
  }
}
