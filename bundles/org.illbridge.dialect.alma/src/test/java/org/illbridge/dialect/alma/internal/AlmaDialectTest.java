package org.illbridge.dialect.alma.internal;

import static org.illbridge.api.model.MessageType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.dialect.OutboundDecision.Refuse;
import org.illbridge.api.dialect.OutboundDecision.Send;
import org.illbridge.api.dialect.OutboundDecision.Skip;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.ServiceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test (or group) per rule of the README; all from seed 001 (Alma's ISO ILL profile). */
class AlmaDialectTest {

  static final AgencyId US = AgencyId.parse("ISIL:CA-BVIP");
  static final AgencyId ALMA = AgencyId.parse("ISIL:CA-BVAU");
  static final String ADDRESS = "UVic Libraries ILL\nPO Box 1800\nVictoria BC V8W 3H5";

  private final AlmaDialect dialect = new AlmaDialect(new AlmaDialect.Defaults(ADDRESS));
  private final AlmaDialect noDefaults = new AlmaDialect(AlmaDialect.Defaults.NONE);

  static Partner alma(Protocol protocol, boolean notesAllowed, String... endpoints) {
    return new Partner("ubc", "University of British Columbia", List.of(ALMA), protocol,
        AlmaDialect.ID,
        java.util.Arrays.stream(endpoints).map(u -> new Endpoint(URI.create(u), null, null)).toList(),
        8, false, false, notesAllowed, true);
  }

  static Partner alma() {
    return alma(Protocol.ISO10161, true, "tcp://ubc.example.org:1611");
  }

  /** A message that satisfies every required field of its service. */
  static IllMessage.Builder message(MessageType type) {
    IllMessage.Builder b = IllMessage.builder(type)
        .requesterTransactionId("T-42")
        .sender(US)
        .recipient(ALMA)
        .timestamp(Instant.parse("2024-03-01T23:30:00Z"))
        .serviceType(ServiceType.LOAN)
        .item(Item.titled("Beloved"))
        .attribute(AlmaDialect.ATTR_DELIVERY_ADDRESS, "Our library");
    switch (type) {
      case UNFILLED -> b.reason("not-found-as-cited");
      case CANCEL_REPLY -> b.answer(true);
      case RENEW_ANSWER -> b.answer(true).dueDate(LocalDate.of(2024, 4, 1));
      case NOTE -> b.note("Please call us");
      default -> { }
    }
    return b;
  }

  private Send send(IllMessage m, Partner p) {
    OutboundDecision d = dialect.outbound(m, p);
    return assertInstanceOf(Send.class, d, () -> d.toString());
  }

  private Refuse refuse(IllMessage m) {
    OutboundDecision d = dialect.outbound(m, alma());
    return assertInstanceOf(Refuse.class, d, () -> d.toString());
  }

  @Test
  void idIsAlma() {
    assertEquals("alma", dialect.id());
  }

  // A2: services per role.
  @Test
  void asLenderAlmaTakesTheBorrowerServices() {
    assertEquals(EnumSet.of(REQUEST, RECEIVED, RETURNED, CANCEL, RENEW, NOTE),
        dialect.supportedOutbound(Role.REQUESTER));
  }

  @Test
  void asBorrowerAlmaTakesTheLenderServices() {
    assertEquals(EnumSet.of(SHIPPED, CHECKED_IN, UNFILLED, CANCEL_REPLY, RENEW_ANSWER, NOTE),
        dialect.supportedOutbound(Role.SUPPLIER));
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void outboundAgreesWithSupportedOutbound(MessageType type) {
    OutboundDecision d = dialect.outbound(message(type).build(), alma());
    boolean supported = dialect.supportedOutbound(Role.REQUESTER).contains(type)
        || dialect.supportedOutbound(Role.SUPPLIER).contains(type);
    assertEquals(supported, d instanceof Send, type + " -> " + d);
  }

  @Test
  void willSupplyIsSkipped() {
    Skip s = assertInstanceOf(Skip.class, dialect.outbound(message(WILL_SUPPLY).build(), alma()));
    assertEquals("Alma does not use Will-Supply messages in its ISO ILL profile.", s.reason());
  }

  // A3: ILL-Answer unfilled only.
  @ParameterizedTest
  @EnumSource(value = MessageType.class, names = {"CONDITIONAL", "RETRY_POSSIBLE", "LOCATIONS_PROVIDED", "ESTIMATE"})
  void otherIllAnswersAreRefused(MessageType type) {
    Refuse r = refuse(message(type).build());
    assertTrue(r.reason().contains("the only answer it takes is Unfilled"), r.reason());
    assertFalse(r.reason().contains(type.name()));
  }

  // A1: simple transactions only.
  @Test
  void chainedTransactionIsRefused() {
    Refuse r = refuse(message(REQUEST).attribute(AlmaDialect.ATTR_TRANSACTION_TYPE, "chained").build());
    assertTrue(r.reason().startsWith("Alma takes simple transactions only"), r.reason());
    send(message(REQUEST).attribute(AlmaDialect.ATTR_TRANSACTION_TYPE, "simple").build(), alma());
  }

  @Test
  void inboundChainedTransactionIsFlagged() {
    IllMessage in = message(SHIPPED).sender(ALMA).recipient(US)
        .attribute(AlmaDialect.ATTR_TRANSACTION_TYPE, "partitioned").build();
    IllMessage out = dialect.inbound(in, alma());
    assertEquals(1, out.warnings().size());
    assertTrue(out.warnings().get(0).contains("partitioned"));
  }

  // A4: header fields required on every message.
  @Test
  void transactionIdIsRequired() {
    Refuse r = refuse(message(RECEIVED).requesterTransactionId(null).build());
    assertEquals("Alma requires a transaction id on every message; this Received has none.", r.reason());
  }

  @Test
  void serviceDateTimeIsRequired() {
    Refuse r = refuse(message(RETURNED).timestamp(null).build());
    assertTrue(r.reason().startsWith("Alma requires the date and time of the service"), r.reason());
  }

  // A5: ILL-Request fields.
  @Test
  void requestKeepsItsOwnDeliveryAddress() {
    Send s = send(message(REQUEST).build(), alma());
    assertEquals("Our library", s.message().attributes().get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
  }

  @Test
  void requestWithoutDeliveryAddressTakesTheConfiguredDefault() {
    IllMessage in = IllMessage.builder(REQUEST).requesterTransactionId("T-1").sender(US)
        .recipient(ALMA).timestamp(Instant.now()).serviceType(ServiceType.COPY)
        .item(Item.titled("Sula")).build();
    Send s = send(in, alma());
    assertEquals(ADDRESS, s.message().attributes().get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
  }

  @Test
  void thePartnersOwnDeliveryAddressWinsOverTheDialectDefault() {
    IllMessage in = IllMessage.builder(REQUEST).requesterTransactionId("T-1").sender(US)
        .recipient(ALMA).timestamp(Instant.now()).serviceType(ServiceType.COPY)
        .item(Item.titled("Sula")).build();
    Partner withOwn = alma().withSettings(java.util.Map.of(AlmaDialect.SETTING_DELIVERY_ADDRESS,
        "Branch ILL\nVictoria"));
    assertEquals("Branch ILL\nVictoria", send(in, withOwn).message().attributes()
        .get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
    // without a dialect-wide default the partner's value is enough
    Send s = assertInstanceOf(Send.class, noDefaults.outbound(in, withOwn));
    assertEquals("Branch ILL\nVictoria", s.message().attributes().get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
    // another partner without the setting still gets the dialect default; the request's own wins
    assertEquals(ADDRESS, send(in, alma()).message().attributes().get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
    assertEquals("Our library", send(message(REQUEST).build(), withOwn).message().attributes()
        .get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
  }

  @Test
  void structuredDeliveryAddressFromTheCodecCounts() {
    IllMessage in = IllMessage.builder(REQUEST).requesterTransactionId("T-1").sender(US)
        .recipient(ALMA).timestamp(Instant.now()).serviceType(ServiceType.COPY)
        .item(Item.titled("Sula")).attribute("iso10161.delivery.city", "Burnaby").build();
    Send s = assertInstanceOf(Send.class, noDefaults.outbound(in, alma()));
    assertFalse(s.message().attributes().containsKey(AlmaDialect.ATTR_DELIVERY_ADDRESS));
  }

  @Test
  void requestWithoutAnyDeliveryAddressIsRefused() {
    IllMessage in = message(REQUEST).attribute(AlmaDialect.ATTR_DELIVERY_ADDRESS, " ").build();
    Refuse r = assertInstanceOf(Refuse.class, noDefaults.outbound(in, alma()));
    assertTrue(r.reason().startsWith("Alma requires a delivery address"), r.reason());
  }

  @ParameterizedTest
  @EnumSource(value = ServiceType.class, names = {"COPY_OR_LOAN", "LOCATIONS", "ESTIMATE", "RESPONDER_SPECIFIC"})
  void requestMustBeForALoanOrACopy(ServiceType serviceType) {
    Refuse r = refuse(message(REQUEST).serviceType(serviceType).build());
    assertTrue(r.reason().contains("either for a loan or for a copy"), r.reason());
  }

  @Test
  void requestWithoutServiceTypeIsRefused() {
    refuse(message(REQUEST).serviceType(null).build());
  }

  @Test
  void requestMustIdentifyTheItem() {
    assertTrue(refuse(message(REQUEST).item(null).build()).reason().contains("title or an identifier"));
    refuse(message(REQUEST).item(Item.titled("  ")).build());
    Item byIsbn = new Item(null, null, "9780140283297", null, null, null, null, null, null, null, null, null);
    send(message(REQUEST).item(byIsbn).build(), alma());
  }

  // A6: Shipped and Received say loan or copy.
  @Test
  void shippedNeedsTheShippedServiceType() {
    assertTrue(refuse(message(SHIPPED).serviceType(null).build()).reason()
        .contains("Shipped to say whether a loan or a copy"));
    send(message(SHIPPED).serviceType(ServiceType.COPY).build(), alma());
  }

  @Test
  void receivedNeedsShippedServiceTypeAndGetsItsDate() {
    refuse(message(RECEIVED).serviceType(ServiceType.COPY_OR_LOAN).build());
    Send s = send(message(RECEIVED).build(), alma());
    assertEquals("20240301", s.message().attributes().get(AlmaDialect.ATTR_DATE_RECEIVED));
  }

  // A7: dates of Returned and Checked-In.
  @Test
  void returnedAndCheckedInCarryTheirDates() {
    assertEquals("20240301",
        send(message(RETURNED).build(), alma()).message().attributes().get(AlmaDialect.ATTR_DATE_RETURNED));
    assertEquals("20240301",
        send(message(CHECKED_IN).build(), alma()).message().attributes().get(AlmaDialect.ATTR_DATE_CHECKED_IN));
    // a date already given is kept
    assertEquals("20240229", send(message(RETURNED).attribute(AlmaDialect.ATTR_DATE_RETURNED, "20240229").build(),
        alma()).message().attributes().get(AlmaDialect.ATTR_DATE_RETURNED));
  }

  // A8: Unfilled reason, Cancel-Reply answer, Renew-Answer answer and due date.
  @Test
  void unfilledNeedsAReason() {
    assertEquals("Alma requires the reason why a request is unfilled.",
        refuse(message(UNFILLED).reason(null).build()).reason());
  }

  @Test
  void cancelReplyNeedsAnAnswer() {
    refuse(message(CANCEL_REPLY).answer(null).build());
    send(message(CANCEL_REPLY).answer(false).build(), alma());
  }

  @Test
  void renewAnswerYesNeedsADueDate() {
    refuse(message(RENEW_ANSWER).answer(null).build());
    assertEquals("Alma requires the new due date when a renewal is granted.",
        refuse(message(RENEW_ANSWER).answer(true).dueDate(null).build()).reason());
    send(message(RENEW_ANSWER).answer(false).dueDate(null).build(), alma());
  }

  // A9: Message needs its note; notes follow the partner's setting.
  @Test
  void messageNeedsANote() {
    assertEquals("Alma requires a text in a Message.", refuse(message(NOTE).note(" ").build()).reason());
  }

  @Test
  void notesPassWhenThePartnerAllowsThem() {
    Send s = send(message(RENEW).note("for a thesis").build(), alma());
    assertEquals("for a thesis", s.message().note());
  }

  @Test
  void notesAreDroppedWhenThePartnerDoesNotTakeThem() {
    Partner noNotes = alma(Protocol.ISO10161, false, "tcp://ubc.example.org:1611");
    Send s = send(message(RENEW).note("for a thesis").attribute("iso10161.requester-note", "x").build(), noNotes);
    assertNull(s.message().note());
    assertFalse(s.message().attributes().containsKey("iso10161.requester-note"));
    assertTrue(s.warnings().contains("The note was not sent: this Alma partner does not take notes."));
    assertInstanceOf(Skip.class, dialect.outbound(message(NOTE).build(), noNotes));
  }

  // A10: APDU-Delivery-Info on outbound ISO 10161 messages.
  @Test
  void outboundCarriesSenderAndRecipientIdentity() {
    Send s = send(message(REQUEST).build(), alma());
    assertEquals("ISIL:CA-BVIP", s.message().attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_SENDER));
    assertEquals("ISIL:CA-BVAU", s.message().attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_RECIPIENT));
    assertTrue(s.warnings().isEmpty(), s.warnings().toString());
  }

  @Test
  void recipientIdentityFallsBackToThePartner() {
    Send s = send(message(CANCEL).recipient(null).build(), alma());
    assertEquals("ISIL:CA-BVAU", s.message().attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_RECIPIENT));
  }

  @Test
  void withoutASenderTheIdentityIsLeftOutWithAWarning() {
    Send s = send(message(CANCEL).sender(null).build(), alma());
    assertFalse(s.message().attributes().containsKey(AlmaDialect.ATTR_DELIVERY_INFO_SENDER));
    assertEquals(1, s.warnings().size());
  }

  // A11: APDU-Delivery-Info read on inbound messages.
  @Test
  void inboundFillsMissingSenderAndRecipientFromDeliveryInfo() {
    IllMessage in = IllMessage.builder(SHIPPED).requesterTransactionId("T-42")
        .attribute(AlmaDialect.ATTR_DELIVERY_INFO_SENDER, "ISIL:CA-BVAU")
        .attribute(AlmaDialect.ATTR_DELIVERY_INFO_RECIPIENT, "ISIL:CA-BVIP").build();
    IllMessage out = dialect.inbound(in, alma());
    assertEquals(ALMA, out.sender());
    assertEquals(US, out.recipient());
    assertTrue(out.warnings().isEmpty(), out.warnings().toString());
  }

  @Test
  void inboundKeepsTheSenderItHasAndIsUnchangedWhenAllAgrees() {
    IllMessage in = message(SHIPPED).sender(ALMA).recipient(US)
        .attribute(AlmaDialect.ATTR_DELIVERY_INFO_SENDER, "NUC:ca-bvau").build();
    assertSame(in, dialect.inbound(in, alma()));
  }

  @Test
  void inboundWarnsWhenDeliveryInfoNamesAnotherLibrary() {
    IllMessage in = message(SHIPPED).sender(ALMA).recipient(US)
        .attribute(AlmaDialect.ATTR_DELIVERY_INFO_SENDER, "ISIL:CA-BVAS").build();
    IllMessage out = dialect.inbound(in, alma());
    assertEquals(ALMA, out.sender());
    assertEquals(List.of("The message names CA-BVAS as its sender, which is not an identifier of "
        + "University of British Columbia."), out.warnings());
  }

  @Test
  void inboundUnreadableIdentityIsAWarningNotACrash() {
    IllMessage in = message(SHIPPED).attribute(AlmaDialect.ATTR_DELIVERY_INFO_SENDER, "ISIL:  ").build();
    IllMessage out = dialect.inbound(in, alma());
    assertEquals(1, out.warnings().size());
    assertTrue(out.warnings().get(0).contains("could not be read"));
  }

  // A12: transport chosen per partner: TCP, or HTTP POST to [Alma domain]/view/iso-ill.
  @Test
  void httpEndpointMustBeTheIsoIllPath() {
    Send ok = send(message(CANCEL).build(),
        alma(Protocol.ISO10161, true, "https://ubc.alma.exlibrisgroup.com/view/iso-ill"));
    assertTrue(ok.warnings().isEmpty(), ok.warnings().toString());
    Send odd = send(message(CANCEL).build(),
        alma(Protocol.ISO10161, true, "https://ubc.alma.exlibrisgroup.com/iso"));
    assertEquals(1, odd.warnings().size());
    assertTrue(odd.warnings().get(0).contains("/view/iso-ill"));
  }

  // A13: Alma partners on ISO 18626: same services and notes rules, no ISO 10161 extension/fields.
  @Test
  void iso18626PartnerGetsNoIso10161Attributes() {
    Partner p18626 = alma(Protocol.ISO18626, true, "https://ubc.alma.exlibrisgroup.com/view/iso18626");
    Send s = send(message(RECEIVED).build(), p18626);
    assertFalse(s.message().attributes().keySet().stream().anyMatch(k -> k.startsWith("iso10161.apdu")));
    assertFalse(s.message().attributes().containsKey(AlmaDialect.ATTR_DATE_RECEIVED));
    assertTrue(s.warnings().isEmpty());
    assertInstanceOf(Skip.class, dialect.outbound(message(WILL_SUPPLY).build(), p18626));
  }

  @Test
  void badInputIsAClearError() {
    assertEquals("message", assertThrows(NullPointerException.class, () -> dialect.outbound(null, alma())).getMessage());
    assertEquals("partner", assertThrows(NullPointerException.class,
        () -> dialect.inbound(message(SHIPPED).build(), null)).getMessage());
  }
}
