package org.illbridge.dialect.oclc.internal;

import static org.illbridge.api.model.MessageType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** One test (or group) per rule of the README; all from seed 002 (OCLC ILL service notes). */
class OclcDialectTest {

  static final AgencyId US = AgencyId.parse("OCLC:BVI");
  static final AgencyId OCLC = AgencyId.parse("OCLC:OCL");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-10T12:00:00Z"), ZoneOffset.UTC);
  static final Item CITED = new Item("Middlemarch", "Eliot, George", null, null, "12345", null,
      null, null, null, null, null, "WorldCat");

  private final OclcDialect bare = new OclcDialect(OclcDialect.Defaults.NONE, CLOCK);

  static Partner oclc(boolean notesAllowed, String... endpoints) {
    return new Partner("oclc", "OCLC ILL service", List.of(OCLC), Protocol.ISO10161, OclcDialect.ID,
        java.util.Arrays.stream(endpoints).map(u -> new Endpoint(URI.create(u), null, null)).toList(),
        10, false, false, notesAllowed, true);
  }

  static Partner oclc() {
    return oclc(true, "tcp://iso.oclc.example:1611");
  }

  /** A request OCLC accepts as it is. */
  static IllMessage.Builder request(String... omit) {
    IllMessage.Builder b = IllMessage.builder(REQUEST).requesterTransactionId("BVI-77").sender(US)
        .recipient(OCLC).timestamp(Instant.parse("2024-05-01T08:00:00Z"))
        .serviceType(ServiceType.LOAN).item(CITED);
    List<String> omitted = List.of(omit);
    if (!omitted.contains(OclcDialect.ATTR_NEED_BEFORE_DATE)) {
      b.attribute(OclcDialect.ATTR_NEED_BEFORE_DATE, "20240601");
    }
    if (!omitted.contains(OclcDialect.ATTR_DELIVERY_ADDRESS)) {
      b.attribute(OclcDialect.ATTR_DELIVERY_ADDRESS, "ILL Office\nVictoria BC");
    }
    return b;
  }

  static IllMessage.Builder message(MessageType type) {
    return type == REQUEST ? request()
        : IllMessage.builder(type).requesterTransactionId("BVI-77").sender(US).recipient(OCLC)
            .timestamp(Instant.parse("2024-05-01T08:00:00Z"));
  }

  private static Send send(OutboundDecision d) {
    return assertInstanceOf(Send.class, d, () -> d.toString());
  }

  private static Refuse refuse(OutboundDecision d) {
    return assertInstanceOf(Refuse.class, d, () -> d.toString());
  }

  @Test
  void idIsOclc() {
    assertEquals("oclc", bare.id());
  }

  // O1: never Will-Supply.
  @Test
  void willSupplyIsNeverOffered() {
    assertFalse(bare.supportedOutbound(Role.SUPPLIER).contains(WILL_SUPPLY));
    assertTrue(bare.supportedOutbound(Role.SUPPLIER).contains(SHIPPED));
  }

  @Test
  void willSupplyIsSkippedBecauseShippedSaysIt() {
    Skip s = assertInstanceOf(Skip.class, bare.outbound(message(WILL_SUPPLY).build(), oclc()));
    assertTrue(s.reason().contains("from the Shipped message"), s.reason());
  }

  // O2: never Conditional; answer Unfilled "not found as cited".
  @Test
  void conditionalIsNeverOffered() {
    assertFalse(bare.supportedOutbound(Role.SUPPLIER).contains(CONDITIONAL));
  }

  @Test
  void conditionalBecomesUnfilledNotFoundAsCited() {
    IllMessage in = message(CONDITIONAL).reason("bib-data-wrong").supplierTransactionId("S-1").build();
    Send s = send(bare.outbound(in, oclc()));
    assertEquals(UNFILLED, s.message().type());
    assertEquals(OclcDialect.REASON_NOT_FOUND_AS_CITED, s.message().reason());
    assertEquals("S-1", s.message().supplierTransactionId());
    assertEquals(1, s.warnings().size());
    assertTrue(s.warnings().get(0).contains("not found as cited"));
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void everythingElseOfIso10161IsOffered(MessageType type) {
    boolean offered = bare.supportedOutbound(Role.REQUESTER).contains(type)
        || bare.supportedOutbound(Role.SUPPLIER).contains(type);
    boolean expected = type != WILL_SUPPLY && type != CONDITIONAL && type != COMPLETED_WITHOUT_RETURN;
    assertEquals(expected, offered, type.name());
    if (offered) {
      send(bare.outbound(message(type).build(), oclc()));
    }
  }

  @Test
  void rolesAreRespected() {
    assertFalse(bare.supportedOutbound(Role.REQUESTER).contains(SHIPPED));
    assertFalse(bare.supportedOutbound(Role.SUPPLIER).contains(REQUEST));
    assertTrue(bare.supportedOutbound(Role.REQUESTER).contains(NOTE));
    assertTrue(bare.supportedOutbound(Role.SUPPLIER).contains(NOTE));
  }

  // O3: a request carries service level / need-before / expiry, title, verified, ship-to.
  @Test
  void completeRequestIsSentUnchanged() {
    IllMessage in = request().build();
    Send s = send(bare.outbound(in, oclc()));
    assertSame(in, s.message());
    assertTrue(s.warnings().isEmpty());
  }

  @Test
  void requestMissingEverythingIsRefusedListingAllFieldsBeforeAnythingIsSent() {
    IllMessage in = IllMessage.builder(REQUEST).requesterTransactionId("BVI-78")
        .item(new Item(null, null, "9780141439549", null, null, null, null, null, null, null, null, null))
        .build();
    Refuse r = refuse(bare.outbound(in, oclc()));
    assertEquals("The OCLC ILL service would not accept this request; it is missing: a service level, "
        + "a need-before date or an expiry date, the title, the verification source (\"Verified\"), "
        + "the ship-to address. Nothing was sent.", r.reason());
  }

  @Test
  void requestWithoutItemIsRefused() {
    Refuse r = refuse(bare.outbound(request().item(null).build(), oclc()));
    assertTrue(r.reason().contains("the title") && r.reason().contains("Verified"), r.reason());
  }

  @Test
  void anyOneOfServiceLevelNeedBeforeOrExpirySuffices() {
    for (String key : List.of(OclcDialect.ATTR_LEVEL_OF_SERVICE, OclcDialect.ATTR_NEED_BEFORE_DATE,
        OclcDialect.ATTR_EXPIRY_DATE)) {
      IllMessage.Builder b = IllMessage.builder(REQUEST).requesterTransactionId("X").item(CITED)
          .attribute(OclcDialect.ATTR_DELIVERY_ADDRESS, "here")
          .attribute(key, key.equals(OclcDialect.ATTR_LEVEL_OF_SERVICE) ? "normal" : "20240701");
      send(bare.outbound(b.build(), oclc()));
    }
  }

  @Test
  void malformedDateIsRefused() {
    Refuse r = refuse(bare.outbound(request().attribute(OclcDialect.ATTR_NEED_BEFORE_DATE, "20240231").build(), oclc()));
    assertTrue(r.reason().contains("20240231 is not a date written YYYYMMDD"), r.reason());
  }

  @Test
  void defaultServiceLevelIsFilledIn() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults("rush", 14, null, null), CLOCK);
    IllMessage in = request(OclcDialect.ATTR_NEED_BEFORE_DATE).build();
    assertFalse(in.attributes().containsKey(OclcDialect.ATTR_NEED_BEFORE_DATE));
    Send s = send(d.outbound(in, oclc()));
    assertEquals("rush", s.message().attributes().get(OclcDialect.ATTR_LEVEL_OF_SERVICE));
    assertFalse(s.message().attributes().containsKey(OclcDialect.ATTR_NEED_BEFORE_DATE));
  }

  @Test
  void defaultNeedBeforeIsCountedFromTheRequest() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults(null, 30, null, null), CLOCK);
    IllMessage in = request(OclcDialect.ATTR_NEED_BEFORE_DATE).build();
    assertEquals("20240531", send(d.outbound(in, oclc())).message().attributes()
        .get(OclcDialect.ATTR_NEED_BEFORE_DATE));
    // without a timestamp: from now (the clock)
    IllMessage noTime = request(OclcDialect.ATTR_NEED_BEFORE_DATE).timestamp(null).build();
    assertEquals("20240609", send(d.outbound(noTime, oclc())).message().attributes()
        .get(OclcDialect.ATTR_NEED_BEFORE_DATE));
  }

  @Test
  void defaultVerificationSourceAndShipToAreFilledIn() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults(null, 0, "WorldCat", "ILL Office\nVictoria"), CLOCK);
    Item unverified = Item.titled("Middlemarch");
    IllMessage in = request(OclcDialect.ATTR_DELIVERY_ADDRESS).item(unverified).build();
    Send s = send(d.outbound(in, oclc()));
    assertEquals("WorldCat", s.message().item().verificationSource());
    assertEquals("Middlemarch", s.message().item().title());
    assertEquals("ILL Office\nVictoria", s.message().attributes().get(OclcDialect.ATTR_DELIVERY_ADDRESS));
  }

  @Test
  void thePartnersOwnSettingsWinOverTheDialectDefaults() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults("rush", 0, "WorldCat", "Main office"), CLOCK);
    Partner own = oclc().withSettings(java.util.Map.of(OclcDialect.SETTING_SERVICE_LEVEL, "normal",
        OclcDialect.SETTING_VERIFICATION_SOURCE, "Local catalogue",
        OclcDialect.SETTING_SHIP_TO, "Branch\nVictoria"));
    IllMessage in = request(OclcDialect.ATTR_NEED_BEFORE_DATE, OclcDialect.ATTR_DELIVERY_ADDRESS)
        .item(Item.titled("Middlemarch")).build();
    Send s = send(d.outbound(in, own));
    assertEquals("normal", s.message().attributes().get(OclcDialect.ATTR_LEVEL_OF_SERVICE));
    assertEquals("Local catalogue", s.message().item().verificationSource());
    assertEquals("Branch\nVictoria", s.message().attributes().get(OclcDialect.ATTR_DELIVERY_ADDRESS));
    assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    // a partner without settings keeps the dialect-wide defaults
    Send plain = send(d.outbound(in, oclc()));
    assertEquals("rush", plain.message().attributes().get(OclcDialect.ATTR_LEVEL_OF_SERVICE));
    assertEquals("Main office", plain.message().attributes().get(OclcDialect.ATTR_DELIVERY_ADDRESS));
  }

  @Test
  void aPartnersNeedBeforeDaysAppliesAndABadOneFallsBackWithAWarning() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults(null, 30, null, null), CLOCK);
    IllMessage in = request(OclcDialect.ATTR_NEED_BEFORE_DATE).build();
    Partner seven = oclc().withSettings(java.util.Map.of(OclcDialect.SETTING_NEED_BEFORE_DAYS, "7"));
    assertEquals("20240508", send(d.outbound(in, seven)).message().attributes()
        .get(OclcDialect.ATTR_NEED_BEFORE_DATE));
    Partner bad = oclc().withSettings(java.util.Map.of(OclcDialect.SETTING_NEED_BEFORE_DAYS, "soon"));
    Send s = send(d.outbound(in, bad));
    assertEquals("20240531", s.message().attributes().get(OclcDialect.ATTR_NEED_BEFORE_DATE));
    assertEquals(1, s.warnings().size(), s.warnings().toString());
    assertTrue(s.warnings().get(0).contains("needBeforeDays") && s.warnings().get(0).contains("soon"),
        s.warnings().get(0));
  }

  @Test
  void theRequestsOwnValuesWinOverDefaults() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults("rush", 0, "Other", "Elsewhere"), CLOCK);
    Send s = send(d.outbound(request().build(), oclc()));
    assertEquals("WorldCat", s.message().item().verificationSource());
    assertEquals("ILL Office\nVictoria BC", s.message().attributes().get(OclcDialect.ATTR_DELIVERY_ADDRESS));
    assertFalse(s.message().attributes().containsKey(OclcDialect.ATTR_LEVEL_OF_SERVICE));
  }

  @Test
  void structuredShipToFromTheCodecCounts() {
    IllMessage in = request(OclcDialect.ATTR_DELIVERY_ADDRESS).attribute("iso10161.delivery.street", "3800 Finnerty Rd").build();
    send(bare.outbound(in, oclc()));
    IllMessage blank = request(OclcDialect.ATTR_DELIVERY_ADDRESS).attribute("iso10161.delivery.street", " ").build();
    assertTrue(refuse(bare.outbound(blank, oclc())).reason().contains("the ship-to address"));
  }

  @Test
  void titleHasNoDefault() {
    OclcDialect d = new OclcDialect(new OclcDialect.Defaults("rush", 0, "WorldCat", "here"), CLOCK);
    Refuse r = refuse(d.outbound(request().item(Item.titled(" ")).build(), oclc()));
    assertTrue(r.reason().endsWith("it is missing: the title. Nothing was sent."), r.reason());
  }

  @Test
  void negativeNeedBeforeDaysIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> new OclcDialect.Defaults(null, -1, null, null));
  }

  // O6: TCP only.
  @Test
  void nonTcpEndpointIsFlagged() {
    Send s = send(bare.outbound(message(CANCEL).build(), oclc(true, "https://oclc.example/iso")));
    assertEquals(1, s.warnings().size());
    assertTrue(s.warnings().get(0).contains("over TCP only"));
  }

  // O7: notes follow the partner's setting.
  @Test
  void notesFollowThePartnerSetting() {
    assertEquals("thanks", send(bare.outbound(message(RECEIVED).note("thanks").build(), oclc())).message().note());
    Partner noNotes = oclc(false, "tcp://iso.oclc.example:1611");
    Send s = send(bare.outbound(message(RECEIVED).note("thanks").build(), noNotes));
    assertNull(s.message().note());
    assertEquals(List.of("The note was not sent: this OCLC partner does not take notes."), s.warnings());
    assertInstanceOf(Skip.class, bare.outbound(message(NOTE).note("hi").build(), noNotes));
  }

  @Test
  void inboundIsLeftAsItIs() {
    IllMessage in = message(SHIPPED).sender(OCLC).recipient(US).build();
    assertSame(in, bare.inbound(in, oclc()));
  }

  @Test
  void badInputIsAClearError() {
    assertEquals("message", assertThrows(NullPointerException.class, () -> bare.outbound(null, oclc())).getMessage());
    assertEquals("partner", assertThrows(NullPointerException.class,
        () -> bare.outbound(request().build(), null)).getMessage());
  }
}
