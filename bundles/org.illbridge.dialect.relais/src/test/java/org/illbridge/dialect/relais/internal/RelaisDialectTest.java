package org.illbridge.dialect.relais.internal;

import static org.illbridge.api.model.MessageType.*;
import static org.illbridge.dialect.relais.internal.Fixtures.message;
import static org.illbridge.dialect.relais.internal.Fixtures.sfu;
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

/** One test (or group) per rule of the README; seed 000 unless said otherwise. */
class RelaisDialectTest {

  private final RelaisDialect dialect = new RelaisDialect();

  @Test
  void idIsRelais() {
    assertEquals("relais", dialect.id());
  }

  // Rule R1: only basic messages, per role.
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
    OutboundDecision d = dialect.outbound(message(type).build(), sfu());
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
    Skip skip = assertInstanceOf(Skip.class, dialect.outbound(message(STATUS_QUERY).build(), sfu()));
    assertEquals("Relais partners do not receive Status-Query messages; only basic messages are sent to them.",
        skip.reason());
  }

  // Rule R2: no Conditional (nor other non-basic answers the borrower would wait for).
  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"CONDITIONAL", "RETRY_POSSIBLE", "LOCATIONS_PROVIDED", "ESTIMATE"})
  void nonBasicAnswersAreRefusedSoStaffAnswerAgain(MessageType type) {
    Refuse r = assertInstanceOf(Refuse.class, dialect.outbound(message(type).build(), sfu()));
    assertTrue(r.reason().startsWith("Relais partners cannot receive a " + Texts.TEXTS.type(type) + " answer"), r.reason());
    assertFalse(r.reason().contains(type.name()), "raw code in " + r.reason());
  }

  // Rule R3: notes may not pass.
  @Test
  void noteMessageIsSkipped() {
    Skip skip = assertInstanceOf(Skip.class,
        dialect.outbound(message(NOTE).note("please rush").build(), sfu()));
    assertTrue(skip.reason().contains("email or telephone"), skip.reason());
  }

  @Test
  void noteIsDroppedWithAWarningEvenWhenThePartnerAllowsNotes() {
    IllMessage in = message(REQUEST).note("rush please")
        .attribute("iso10161.requester-note", "rush please")
        .attribute("iso10161.level-of-service", "normal").build();
    Send send = assertInstanceOf(Send.class, dialect.outbound(in, sfu(8, true)));
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
    Send send = assertInstanceOf(Send.class, dialect.outbound(in, sfu()));
    assertSame(in, send.message());
    assertTrue(send.warnings().isEmpty());
  }

  // Rule R4: Received and Returned are sent to Relais (Illume transmits them), even though
  // Relais itself may not send them (nothing to normalise inbound).
  @Test
  void receivedAndReturnedAreSent() {
    assertInstanceOf(Send.class, dialect.outbound(message(RECEIVED).build(), sfu()));
    assertInstanceOf(Send.class, dialect.outbound(message(RETURNED).build(), sfu()));
  }

  @Test
  void inboundIsLeftAsItIs() {
    IllMessage in = message(UNFILLED).sender(Fixtures.SFU).recipient(Fixtures.US).note("sorry").build();
    assertSame(in, dialect.inbound(in, sfu()));
  }

  // Rule R5: days to respond 7-10.
  @Test
  void requestToAPartnerWithShortDaysToRespondWarns() {
    Send send = assertInstanceOf(Send.class, dialect.outbound(message(REQUEST).build(), sfu(3, true)));
    assertEquals(1, send.warnings().size());
    assertTrue(send.warnings().get(0).contains("has 3 days to respond")
        && send.warnings().get(0).contains("7 to 10 days"), send.warnings().get(0));
  }

  @Test
  void daysToRespondWithinTheRangeDoesNotWarn() {
    for (int days = RelaisDialect.DAYS_TO_RESPOND_MIN; days <= RelaisDialect.DAYS_TO_RESPOND_MAX; days++) {
      Send send = assertInstanceOf(Send.class, dialect.outbound(message(REQUEST).build(), sfu(days, true)));
      assertTrue(send.warnings().isEmpty(), "days " + days);
    }
    Send send = assertInstanceOf(Send.class, dialect.outbound(message(REQUEST).build(), sfu(11, true)));
    assertEquals(1, send.warnings().size());
  }

  @Test
  void daysToRespondIsOnlyCheckedOnRequests() {
    Send send = assertInstanceOf(Send.class, dialect.outbound(message(CANCEL).build(), sfu(3, true)));
    assertTrue(send.warnings().isEmpty());
  }

  // Rule R6: a request number seen before is ignored; the engine gives each attempt a fresh id,
  // the dialect refuses a request without one.
  @Test
  void requestWithoutRequestNumberIsRefused() {
    Refuse r = assertInstanceOf(Refuse.class,
        dialect.outbound(message(REQUEST).requesterTransactionId(" ").build(), sfu()));
    assertTrue(r.reason().contains("its own request number"), r.reason());
  }

  @Test
  void badInputIsAClearError() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> dialect.outbound(null, sfu()));
    assertEquals("message", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> dialect.outbound(message(REQUEST).build(), null));
    assertEquals("partner", e.getMessage());
    assertThrows(NullPointerException.class, () -> dialect.supportedOutbound(null));
  }
}
