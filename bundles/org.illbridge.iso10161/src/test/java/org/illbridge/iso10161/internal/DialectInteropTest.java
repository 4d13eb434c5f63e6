package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.dialect.alma.internal.AlmaDialect;
import org.illbridge.dialect.oclc.internal.OclcDialect;
import org.illbridge.iso10161.*;
import org.junit.jupiter.api.Test;

/**
 * The real Alma and OCLC dialects, end to end through this codec: dialect outbound → neutral →
 * BER → neutral → dialect inbound (or outbound again). Proves the attribute keys the dialects use
 * ({@code iso10161.apdu-delivery-info.*}, {@code transaction-type}, {@code level-of-service},
 * {@code need-before-date}, {@code expiry-date}, {@code delivery-address}) reach the APDU
 * components they name and come back under the same keys.
 */
class DialectInteropTest {
  static final AgencyId US = AgencyId.parse("ISIL:CA-BVIP");
  static final AgencyId ALMA_LIB = AgencyId.parse("ISIL:CA-BVAU");
  static final AgencyId OCLC_LIB = AgencyId.parse("OCLC:OCLCILL");
  static final String SHIP_TO = "UVic Libraries ILL\nPO Box 1800\nVictoria BC V8W 3H5";
  static final Instant WHEN = Instant.parse("2024-05-01T08:30:00Z");
  static final byte[] DELIVERY_INFO_OID = oid(ApduDeliveryInfo.OID);

  private final Iso10161ProtocolCodec codec = new Iso10161ProtocolCodec();
  private final BerCodec ber = new BerCodec();
  private final AlmaDialect alma = new AlmaDialect(almaConfig(SHIP_TO));
  private final Partner almaPartner = partner("ubc", List.of(ALMA_LIB), "alma",
      "tcp://alma.example.edu:4999");

  // ================================================================ Alma: APDU-Delivery-Info

  @Test
  void almaOutboundRequestCarriesTheDeliveryInfoExtensionWithBothIdentities() throws Exception {
    byte[] wire = codec.encode(almaOut(request().build()), almaPartner);

    assertTrue(indexOf(wire, DELIVERY_INFO_OID) >= 0, "OID 1.0.10161.13.3 is on the wire");
    IllRequest r = (IllRequest) ber.decode(wire);
    Extension e = single(r.extensions());
    assertFalse(e.critical(), "Alma does not require it: not critical");
    ApduDeliveryInfo info = (ApduDeliveryInfo) e.item();
    assertEquals(List.of(ApduEncoding.BER), info.senderInfo().get(0).encoding());
    assertEquals(List.of(SystemId.institution("CA-BVIP")), info.senderInfo().get(0).aliases());
    assertEquals(List.of(SystemId.institution("CA-BVAU")), info.recipientInfo().get(0).aliases());
    assertEquals(List.of(), info.transponderInfo());
    // the rest of the Alma profile reached the APDU too
    assertEquals(TransactionType.SIMPLE, r.transactionType());
    PostalAddress postal = r.deliveryAddress().postalAddress();
    assertEquals("UVic Libraries ILL", postal.name().value().value());
    assertEquals("PO Box 1800", postal.streetAndNumber().value());
    assertEquals("Victoria BC V8W 3H5", postal.city().value());
  }

  @Test
  void everyServiceAlmaTakesCarriesTheIdentities() throws Exception {
    // what the bridge sends as Alma's borrower (we lend) and as Alma's lender (we borrow)
    List<IllMessage> all = new ArrayList<>();
    for (MessageType t : List.of(MessageType.SHIPPED, MessageType.CHECKED_IN,
        MessageType.UNFILLED, MessageType.CANCEL_REPLY, MessageType.RENEW_ANSWER)) {
      all.add(message(t, US, ALMA_LIB).serviceType(ServiceType.LOAN).reason("not-owned")
          .answer(false).build());
    }
    for (MessageType t : List.of(MessageType.RECEIVED, MessageType.RETURNED,
        MessageType.CANCEL, MessageType.RENEW)) {
      all.add(message(t, US, ALMA_LIB).serviceType(ServiceType.LOAN)
          .dueDate(LocalDate.of(2024, 6, 1)).build());
    }
    all.add(message(MessageType.NOTE, US, ALMA_LIB).note("Parcel went out today").build());
    for (IllMessage m : all) {
      byte[] wire = codec.encode(almaOut(m), almaPartner);
      IllApdu apdu = ber.decode(wire);
      ApduDeliveryInfo info = (ApduDeliveryInfo) single(apdu.extensions()).item();
      assertArrayEquals(new AgencyId[] {US, ALMA_LIB}, NeutralMapper.identities(info),
          m.type().name());
      IllMessage back = codec.decode(wire, almaPartner);
      assertEquals("ISIL:CA-BVIP", back.attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_SENDER));
      assertEquals("ISIL:CA-BVAU",
          back.attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_RECIPIENT));
    }
  }

  @Test
  void extensionFromAlmaGivesTheAttributesTheAlmaDialectReads() throws Exception {
    // A Shipped as Alma sends it: Alma names itself only in APDU-Delivery-Info (no responder-id)
    Shipped fromAlma = shipped(List.of(new Extension(1, false, new ApduDeliveryInfo(
        List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER),
            new SystemAddress(IllString.of("TCP/IP"), IllString.of("alma.example.edu:4999")),
            List.of(SystemId.institution("CA-BVAU")))),
        List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER), new SystemAddress(null, null),
            List.of(SystemId.institution("CA-BVIP")))),
        null))));
    byte[] wire = ber.encode(fromAlma);

    IllMessage decoded = codec.decode(wire, almaPartner);
    assertEquals("ISIL:CA-BVAU", decoded.attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_SENDER));
    assertEquals("ISIL:CA-BVIP",
        decoded.attributes().get(AlmaDialect.ATTR_DELIVERY_INFO_RECIPIENT));
    assertEquals("simple", decoded.attributes().get(AlmaDialect.ATTR_TRANSACTION_TYPE));
    assertNull(decoded.sender(), "the header does not name the shipper");

    IllMessage in = alma.inbound(decoded, almaPartner);
    assertEquals(ALMA_LIB, in.sender(), "filled from the extension");
    assertEquals(US, in.recipient());
    assertEquals(List.of(), in.warnings());

    // the same bytes from a partner that is not CA-BVAU: the dialect says so
    Partner other = partner("sfu", List.of(AgencyId.parse("ISIL:CA-BVAS")), "alma",
        "tcp://sfu.example.edu:4999");
    IllMessage suspicious = alma.inbound(codec.decode(wire, other), other);
    assertEquals(1, suspicious.warnings().size());
    assertTrue(suspicious.warnings().get(0).contains("CA-BVAU"), suspicious.warnings().get(0));
  }

  @Test
  void almaToAlmaRoundTripKeepsIdentitiesWithoutWarnings() throws Exception {
    IllMessage out = almaOut(request().build());
    IllMessage back = alma.inbound(codec.decode(codec.encode(out, almaPartner), almaPartner),
        // seen from the other side, our library is the partner
        partner("us", List.of(US), "alma", "tcp://us.example.edu:4999"));
    assertEquals(List.of(), back.warnings());
    assertEquals(US, back.sender());
    assertEquals(ALMA_LIB, back.recipient());
    assertEquals(SHIP_TO, back.attributes().get(AlmaDialect.ATTR_DELIVERY_ADDRESS));
    assertEquals("simple", back.attributes().get(AlmaDialect.ATTR_TRANSACTION_TYPE));
    // the Alma dialect takes the decoded request as it is (delivery address, identities present)
    OutboundDecision again = alma.outbound(back, almaPartner);
    assertInstanceOf(OutboundDecision.Send.class, again);
    assertEquals(back.attributes(), ((OutboundDecision.Send) again).message().attributes());
  }

  @Test
  void changedIdentitiesReplaceTheAliasesAndKeepTheTransport() throws Exception {
    Shipped fromAlma = shipped(List.of(
        new Extension(7, true, new ApduDeliveryInfo(
            List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER_IN_MIME),
                new SystemAddress(IllString.of("SMTP"), IllString.of("ill@alma.example.edu")),
                List.of(SystemId.institution("CA-BVAU")))),
            List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER),
                new SystemAddress(null, null), List.of(SystemId.institution("CA-BVIP")))),
            null)),
        new Extension(9, false, new RawBer(new byte[] {2, 1, 5}))));
    IllMessage decoded = codec.decode(ber.encode(fromAlma), almaPartner);

    // unchanged: byte for byte what came
    assertEquals(fromAlma, ber.decode(codec.encode(decoded, almaPartner)));

    IllMessage renamed = decoded.toBuilder()
        .attribute(AlmaDialect.ATTR_DELIVERY_INFO_SENDER, "NUC:BVAU").build();
    Shipped s = (Shipped) ber.decode(codec.encode(renamed, almaPartner));
    Extension e = s.extensions().get(0);
    assertEquals(7, e.identifier());
    assertTrue(e.critical());
    ApduDeliveryParameters sender = ((ApduDeliveryInfo) e.item()).senderInfo().get(0);
    assertEquals(List.of(SystemId.institution("NUC:BVAU")), sender.aliases());
    assertEquals("ill@alma.example.edu", sender.transport().telecomServiceAddress().value());
    assertEquals(List.of(ApduEncoding.BER_IN_MIME), sender.encoding());
    assertEquals(fromAlma.extensions().get(1), s.extensions().get(1), "others untouched");

    IllMessage dropped = decoded.toBuilder().build();
    var attributes = new java.util.HashMap<>(dropped.attributes());
    attributes.remove(AlmaDialect.ATTR_DELIVERY_INFO_SENDER);
    attributes.remove(AlmaDialect.ATTR_DELIVERY_INFO_RECIPIENT);
    Shipped without = (Shipped) ber.decode(codec.encode(
        withAttributes(dropped, attributes), almaPartner));
    assertEquals(List.of(fromAlma.extensions().get(1)), without.extensions());
  }

  @Test
  void unreadableIdentityIsACodecErrorNotACrash() {
    IllMessage bad = request().attribute(AlmaDialect.ATTR_DELIVERY_INFO_SENDER, "ISIL:  ")
        .attribute(AlmaDialect.ATTR_DELIVERY_ADDRESS, SHIP_TO).build();
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(bad, almaPartner));
    assertEquals(CodecException.Kind.UNRECOGNISED_DATA_VALUE, e.kind());
    assertTrue(e.getMessage().contains("apdu-delivery-info.sender"), e.getMessage());
  }

  // ================================================================ transaction type

  @Test
  void transactionTypeTravelsBothWays() throws Exception {
    IllMessage chained = request().attribute(AlmaDialect.ATTR_TRANSACTION_TYPE, "chained").build();
    byte[] wire = codec.encode(chained, null);
    assertEquals(TransactionType.CHAINED, ((IllRequest) ber.decode(wire)).transactionType());
    IllMessage decoded = codec.decode(wire, almaPartner);
    assertEquals("chained", decoded.attributes().get(AlmaDialect.ATTR_TRANSACTION_TYPE));
    // what the Alma dialect does with it: flags it inbound, refuses it outbound
    assertEquals(1, alma.inbound(decoded, almaPartner).warnings().size());
    assertInstanceOf(OutboundDecision.Refuse.class, alma.outbound(decoded, almaPartner));
    // the wire code is accepted too; anything else is refused with the key named
    assertEquals(TransactionType.PARTITIONED, ((IllRequest) ber.decode(codec.encode(
        request().attribute(AlmaDialect.ATTR_TRANSACTION_TYPE, "3").build(), null)))
        .transactionType());
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(
        request().attribute(AlmaDialect.ATTR_TRANSACTION_TYPE, "looped").build(), null));
    assertEquals(CodecException.Kind.UNRECOGNISED_DATA_VALUE, e.kind());
  }

  // ================================================================ OCLC defaults

  @Test
  void oclcDefaultsSurviveEncodeAndDecode() throws Exception {
    OclcDialect oclc = new OclcDialect(oclcConfig("", 30, "WorldCat", SHIP_TO));
    Partner oclcPartner = partner("oclc", List.of(OCLC_LIB), "oclc", "tcp://illiso.oclc.org:499");
    IllMessage req = message(MessageType.REQUEST, US, OCLC_LIB).serviceType(ServiceType.LOAN)
        .item(Item.titled("Sula")).build();
    IllMessage out = send(oclc.outbound(req, oclcPartner));

    IllRequest r = (IllRequest) ber.decode(codec.encode(out, oclcPartner));
    assertEquals(new SearchType(null, "20240531", ExpiryFlag.NO_EXPIRY, null), r.searchType(),
        "need-before 30 days after the request");
    assertEquals("WorldCat", r.itemId().verificationReferenceSource().value());
    assertEquals("UVic Libraries ILL", r.deliveryAddress().postalAddress().name().value().value());

    IllMessage back = codec.decode(codec.encode(out, oclcPartner), oclcPartner);
    assertEquals("20240531", back.attributes().get(OclcDialect.ATTR_NEED_BEFORE_DATE));
    assertEquals("WorldCat", back.item().verificationSource());
    assertEquals(SHIP_TO, back.attributes().get(OclcDialect.ATTR_DELIVERY_ADDRESS));
    // the decoded request is complete for OCLC: relayed again, nothing is added or refused
    IllMessage relayed = send(oclc.outbound(back, oclcPartner));
    assertEquals(back.attributes(), relayed.attributes());
    assertEquals(back.item(), relayed.item());
  }

  @Test
  void oclcServiceLevelAndExpiryDateSurviveEncodeAndDecode() throws Exception {
    Partner oclcPartner = partner("oclc", List.of(OCLC_LIB), "oclc", "tcp://illiso.oclc.org:499");
    OclcDialect withLevel = new OclcDialect(oclcConfig("Rush", 0, "WorldCat", SHIP_TO));
    IllMessage req = message(MessageType.REQUEST, US, OCLC_LIB).serviceType(ServiceType.COPY)
        .item(Item.titled("Sula")).build();
    byte[] wire = codec.encode(send(withLevel.outbound(req, oclcPartner)), oclcPartner);
    assertEquals(new SearchType(IllString.of("Rush"), null, ExpiryFlag.NO_EXPIRY, null),
        ((IllRequest) ber.decode(wire)).searchType());
    assertEquals("Rush",
        codec.decode(wire, oclcPartner).attributes().get(OclcDialect.ATTR_LEVEL_OF_SERVICE));

    // the request's own values win over the defaults, and an expiry date means expiry-flag 2
    IllMessage own = req.toBuilder().attribute(OclcDialect.ATTR_LEVEL_OF_SERVICE, "Normal")
        .attribute(OclcDialect.ATTR_EXPIRY_DATE, "20240615").build();
    wire = codec.encode(send(withLevel.outbound(own, oclcPartner)), oclcPartner);
    assertEquals(new SearchType(IllString.of("Normal"), null, ExpiryFlag.OTHER_DATE, "20240615"),
        ((IllRequest) ber.decode(wire)).searchType());
    IllMessage back = codec.decode(wire, oclcPartner);
    assertEquals("Normal", back.attributes().get(OclcDialect.ATTR_LEVEL_OF_SERVICE));
    assertEquals("20240615", back.attributes().get(OclcDialect.ATTR_EXPIRY_DATE));
    assertNull(back.attributes().get(NeutralMapper.A_EXPIRY_FLAG), "implied by the date");
    assertNull(back.attributes().get(OclcDialect.ATTR_NEED_BEFORE_DATE));
  }

  @Test
  void malformedSearchDatesAreCodecErrors() {
    for (String key : List.of(OclcDialect.ATTR_NEED_BEFORE_DATE, OclcDialect.ATTR_EXPIRY_DATE)) {
      for (String bad : List.of("2024-06-15", "20240231", "soon")) {
        CodecException e = assertThrows(CodecException.class,
            () -> codec.encode(request().attribute(key, bad).build(), null), key + " " + bad);
        assertEquals(CodecException.Kind.UNRECOGNISED_DATA_VALUE, e.kind());
        assertTrue(e.getMessage().contains(key), e.getMessage());
      }
    }
  }

  // ================================================================ helpers

  private IllMessage almaOut(IllMessage m) {
    return send(alma.outbound(m, almaPartner));
  }

  private static IllMessage send(OutboundDecision d) {
    assertInstanceOf(OutboundDecision.Send.class, d, d.toString());
    return ((OutboundDecision.Send) d).message();
  }

  private static IllMessage.Builder message(MessageType type, AgencyId from, AgencyId to) {
    return IllMessage.builder(type).requesterTransactionId("IB20240501-1").sender(from)
        .recipient(to).timestamp(WHEN);
  }

  private static IllMessage.Builder request() {
    return message(MessageType.REQUEST, US, ALMA_LIB).serviceType(ServiceType.LOAN)
        .item(Item.titled("Sula")).patron(new Patron("P-1", "Ann Reader", null));
  }

  private static Shipped shipped(List<Extension> extensions) {
    ApduHeader h = new ApduHeader(2,
        new TransactionId(null, IllString.of(""), IllString.of("IB20240501-1"), null),
        new ServiceDateTime(new IsoDateTime("20240502", "101500"), null),
        SystemId.institution("CA-BVIP"), null);
    return new Shipped(h, null, null, null, null, null, null, IllServiceType.LOAN, null,
        new SupplyDetails("20240502", new DateDue("20240601", true), null, null, null, null,
            null, null, null, null),
        null, null, extensions);
  }

  private static IllMessage withAttributes(IllMessage m, java.util.Map<String, String> at) {
    return new IllMessage(m.type(), m.requesterTransactionId(), m.supplierTransactionId(),
        m.sender(), m.recipient(), m.timestamp(), m.serviceType(), m.item(), m.patron(),
        m.reason(), m.answer(), m.dueDate(), m.note(), at, m.warnings());
  }

  private static Partner partner(String key, List<AgencyId> ids, String dialect, String uri) {
    return new Partner(key, key.toUpperCase(), ids, Protocol.ISO10161, dialect,
        List.of(new Endpoint(URI.create(uri), null, null)), 7, false, false, true, true);
  }

  private static Extension single(List<Extension> extensions) {
    assertEquals(1, extensions.size(), extensions.toString());
    return extensions.get(0);
  }

  private static byte[] oid(String oid) {
    try {
      return new ASN1ObjectIdentifier(oid).getEncoded();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The dialects' metatype configuration as DS would pass it. */
  static AlmaDialect.Config almaConfig(String deliveryAddress) {
    return new AlmaDialect.Config() {
      @Override
      public String deliveryAddress() {
        return deliveryAddress;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return AlmaDialect.Config.class;
      }
    };
  }

  static OclcDialect.Config oclcConfig(String level, int days, String verified, String shipTo) {
    return new OclcDialect.Config() {
      @Override
      public String serviceLevel() {
        return level;
      }

      @Override
      public int needBeforeDays() {
        return days;
      }

      @Override
      public String verificationSource() {
        return verified;
      }

      @Override
      public String shipTo() {
        return shipTo;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return OclcDialect.Config.class;
      }
    };
  }
}
