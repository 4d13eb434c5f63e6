package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.iso10161.*;
import org.junit.jupiter.api.Test;

class NeutralMapperTest {
  private final Iso10161ProtocolCodec codec = new Iso10161ProtocolCodec();
  private final BerCodec ber = new BerCodec();

  static byte[] golden(String name) throws Exception {
    return GoldenVectorTestAccess.golden(name);
  }

  @Test
  void requestFromYazMapsToNeutralFields() throws Exception {
    IllMessage m = codec.decode(golden("yaz-illclient-request-full.ber"), null);
    assertEquals(MessageType.REQUEST, m.type());
    assertEquals("GRP-2024/REQ-000123", m.requesterTransactionId());
    assertEquals(new AgencyId(AgencyIdScheme.OTHER, "BVAS"), m.sender());
    assertEquals(new AgencyId(AgencyIdScheme.OTHER, "OZZ"), m.recipient());
    assertEquals(Instant.parse("2024-03-15T10:15:30Z"), m.timestamp());
    assertEquals(ServiceType.LOAN, m.serviceType());
    Item i = m.item();
    assertEquals("The Java Language Specification", i.title());
    assertEquals("Gosling, James", i.author());
    assertEquals("0321246780", i.isbn());
    assertEquals("QA76.73 .J38", i.systemNumber());
    assertEquals("OCLC WorldCat", i.verificationSource());
    assertEquals(new Patron("P-42", "Jane Patron", "faculty"), m.patron());
    assertEquals("Please ship by courier", m.note());
    assertEquals("20240430", m.attributes().get("iso10161.need-before-date"));
    assertEquals("Burnaby", m.attributes().get("iso10161.delivery.city"));
    assertEquals("Simon Fraser University", m.attributes().get("iso10161.requester-name"));
    assertEquals("OTHER:BVAS", m.attributes().get("iso10161.initial-requester-id"));
    // the template attribute never carries the patron
    IllRequest template = (IllRequest) ber.decode(java.util.Base64.getDecoder()
        .decode(m.attributes().get(NeutralMapper.A_APDU)));
    assertNull(template.clientId());
  }

  @Test
  void answersMapToTheirNeutralTypesAndReasons() throws Exception {
    IllMessage u = codec.decode(golden("yaz-answer-unfilled.ber"), null);
    assertEquals(MessageType.UNFILLED, u.type());
    assertEquals("in-use-on-loan", u.reason());
    assertEquals("OTHER:UBC", u.attributes().get("iso10161.locations"));
    assertEquals(new AgencyId(AgencyIdScheme.OTHER, "OZZ"), u.sender(), "supplier sends answers");
    IllMessage w = codec.decode(golden("yaz-answer-will-supply.ber"), null);
    assertEquals(MessageType.WILL_SUPPLY, w.type());
    assertEquals("being-processed-for-supply", w.reason());
    IllMessage c = codec.decode(golden("yaz-answer-conditional.ber"), null);
    assertEquals(MessageType.CONDITIONAL, c.type());
    assertEquals("charges", c.reason());
    IllMessage r = codec.decode(golden("yaz-answer-retry.ber"), null);
    assertEquals(MessageType.RETRY_POSSIBLE, r.type());
    assertEquals("at-bindery", r.reason());
    assertEquals("20240401", r.attributes().get("iso10161.retry-date"));
  }

  @Test
  void otherServicesMap() throws Exception {
    IllMessage s = codec.decode(golden("yaz-shipped.ber"), null);
    assertEquals(MessageType.SHIPPED, s.type());
    assertEquals(ServiceType.LOAN, s.serviceType());
    assertEquals(LocalDate.of(2024, 4, 20), s.dueDate());
    assertEquals("12.50 USD", s.attributes().get("iso10161.cost"));
    assertEquals(MessageType.ERROR_REPORT,
        codec.decode(golden("yaz-status-or-error-report.ber"), null).type());
    assertEquals("state-transition-prohibited",
        codec.decode(golden("yaz-status-or-error-report.ber"), null).reason());
    IllMessage status = codec.decode(golden("yaz-status-report.ber"), null);
    assertEquals(MessageType.STATUS_REPORT, status.type());
    assertEquals("shipped", status.attributes().get("iso10161.current-state"));
    assertEquals(Boolean.TRUE, codec.decode(golden("yaz-cancel-reply.ber"), null).answer());
    assertEquals(MessageType.CANCEL, codec.decode(golden("yaz-cancel.ber"), null).type());
    assertEquals(MessageType.RECEIVED, codec.decode(golden("yaz-received.ber"), null).type());
    assertEquals(MessageType.RETURNED, codec.decode(golden("yaz-returned.ber"), null).type());
    assertEquals(MessageType.CHECKED_IN, codec.decode(golden("yaz-checked-in.ber"), null).type());
    IllMessage overdue = codec.decode(golden("yaz-overdue.ber"), null);
    assertEquals(MessageType.OVERDUE, overdue.type());
    assertEquals("false", overdue.attributes().get("iso10161.renewable"));
    assertEquals(LocalDate.of(2024, 5, 20),
        codec.decode(golden("yaz-renew.ber"), null).dueDate());
    IllMessage note = codec.decode(golden("yaz-message.ber"), null);
    assertEquals(MessageType.NOTE, note.type());
    assertEquals("Bitte beachten: Lieferung verz\u00f6gert", note.note());
    assertEquals(MessageType.DAMAGED, codec.decode(golden("yaz-damaged.ber"), null).type());
  }

  @Test
  void eitherSideServicesUseThePartnerToFindTheSender() throws Exception {
    Partner ozz = new Partner("ozz", "OZZ", List.of(new AgencyId(AgencyIdScheme.OTHER, "OZZ")),
        Protocol.ISO10161, null, null, 7, false, false, true, true);
    IllMessage fromOzz = codec.decode(golden("yaz-message.ber"), ozz);
    assertEquals("OZZ", fromOzz.sender().value());
    assertEquals("BVAS", fromOzz.recipient().value());
    IllMessage unknown = codec.decode(golden("yaz-message.ber"), null);
    assertEquals("BVAS", unknown.sender().value());
    // and back: the APDU's requester/responder are where they were
    for (IllMessage m : List.of(fromOzz, unknown)) {
      IllApdu again = ber.decode(codec.encode(m, null));
      assertEquals("BVAS", again.header().requesterId().symbol().value().value());
    }
  }

  @Test
  void everyApduSurvivesApduToNeutralToApdu() throws Exception {
    List<IllApdu> all = new java.util.ArrayList<>(Samples.allApdus());
    for (String g : List.of("yaz-illclient-request-full.ber", "yaz-illclient-request-oclc.ber",
        "yaz-shipped.ber", "yaz-answer-unfilled.ber", "yaz-answer-will-supply.ber",
        "yaz-answer-conditional.ber", "yaz-answer-retry.ber", "yaz-status-or-error-report.ber",
        "yaz-status-report.ber", "yaz-cancel-reply.ber", "yaz-cancel.ber", "yaz-received.ber",
        "yaz-returned.ber", "yaz-checked-in.ber", "yaz-overdue.ber", "yaz-renew.ber",
        "yaz-renew-answer.ber", "yaz-message.ber", "yaz-damaged.ber")) {
      all.add(ber.decode(golden(g)));
    }
    for (IllApdu apdu : all) {
      IllMessage m = NeutralMapper.toNeutral(apdu, null);
      IllApdu back = ber.decode(codec.encode(m, null));
      assertEquals(apdu, back, apdu.type() + " " + m.type());
    }
  }

  @Test
  void neutralFieldsWinOverTheTemplate() throws Exception {
    IllMessage m = codec.decode(golden("yaz-illclient-request-full.ber"), null);
    IllMessage changed = m.toBuilder()
        .item(new Item("Another title", null, null, null, null, null, null, null, null, null,
            null, null))
        .note(null).serviceType(ServiceType.COPY).build();
    IllRequest r = (IllRequest) ber.decode(codec.encode(changed, null));
    assertEquals("Another title", r.itemId().title().value());
    assertNull(r.itemId().author());
    assertNull(r.requesterNote());
    assertEquals(List.of(IllServiceType.COPY_NON_RETURNABLE), r.serviceTypes());
    assertEquals("Burnaby", r.deliveryAddress().postalAddress().city().value(), "kept");
  }

  @Test
  void engineMadeMessagesWithoutTemplateEncode() throws Exception {
    IllMessage req = IllMessage.builder(MessageType.REQUEST)
        .requesterTransactionId("G1/T\\/1")
        .sender(AgencyId.parse("ISIL:CA-BVAS")).recipient(AgencyId.parse("NUC:OZZ"))
        .timestamp(Instant.parse("2024-05-01T08:30:00Z"))
        .serviceType(ServiceType.COPY_OR_LOAN)
        .item(Item.titled("Moby-Dick"))
        .patron(new Patron("P-1", "Ann", null))
        .build();
    IllRequest r = (IllRequest) ber.decode(codec.encode(req, null));
    assertEquals("G1", r.header().transactionId().groupQualifier().value());
    assertEquals("T/1", r.header().transactionId().qualifier().value());
    assertEquals("CA-BVAS", r.header().requesterId().symbol().value().value());
    assertEquals("NUC:OZZ", r.header().responderId().symbol().value().value());
    assertEquals(new IsoDateTime("20240501", "083000"),
        r.header().serviceDateTime().thisService());
    assertEquals(List.of(IllServiceType.COPY_NON_RETURNABLE, IllServiceType.LOAN),
        r.serviceTypes());
    assertEquals("Ann", r.clientId().name().value());
    IllMessage back = codec.decode(codec.encode(req, null), null);
    assertEquals(req.requesterTransactionId(), back.requesterTransactionId());
    assertEquals(req.sender(), back.sender());
    assertEquals(req.recipient(), back.recipient());
    assertEquals(req.item(), back.item());

    IllMessage unfilled = IllMessage.builder(MessageType.UNFILLED)
        .requesterTransactionId("G1/T1").sender(AgencyId.parse("NUC:OZZ"))
        .recipient(AgencyId.parse("ISIL:CA-BVAS")).reason("not-owned").build();
    IllAnswer a = (IllAnswer) ber.decode(codec.encode(unfilled, null));
    assertEquals(new UnfilledResults(ReasonCode.NOT_OWNED, null), a.resultsExplanation());
    assertEquals("NUC:OZZ", a.header().responderId().symbol().value().value());

    // an ISO 18626 lender's reason passed on: its ISO 10161 counterpart, else "other" (the answer
    // must still reach the requester)
    IllAnswer from18626 = (IllAnswer) ber.decode(codec.encode(unfilled.toBuilder().reason("NotOnShelf").build(), null));
    assertEquals(new UnfilledResults(ReasonCode.NOT_ON_SHELF, null), from18626.resultsExplanation());
    IllAnswer retry = (IllAnswer) ber.decode(codec.encode(IllMessage.builder(MessageType.RETRY_POSSIBLE)
        .requesterTransactionId("G1/T1").sender(AgencyId.parse("NUC:OZZ")).reason("CostExceedsMaxCost").build(), null));
    assertEquals(ReasonCode.COST_EXCEEDS_LIMIT, ((RetryResults) retry.resultsExplanation()).reasonNotAvailable());
    IllAnswer unknown = (IllAnswer) ber.decode(codec.encode(unfilled.toBuilder().reason("LoanCondition").build(), null));
    assertEquals(new UnfilledResults(ReasonCode.OTHER, null), unknown.resultsExplanation());
    assertThrows(CodecException.class, () -> codec.encode(
        IllMessage.builder(MessageType.COMPLETED_WITHOUT_RETURN).requesterTransactionId("a/b")
            .build(), null));
  }

  // ---------------------------------------------------------------- attributes shared with dialects

  @Test
  void requestFromYazExposesSearchTypeTransactionTypeAndAddressText() throws Exception {
    IllMessage m = codec.decode(golden("yaz-illclient-request-full.ber"), null);
    assertEquals("simple", m.attributes().get(NeutralMapper.A_TRANSACTION_TYPE));
    assertEquals("N", m.attributes().get(NeutralMapper.A_LEVEL_OF_SERVICE));
    assertEquals("20240430", m.attributes().get(NeutralMapper.A_NEED_BEFORE));
    assertNull(m.attributes().get(NeutralMapper.A_EXPIRY_DATE));
    assertNull(m.attributes().get(NeutralMapper.A_EXPIRY_FLAG), "no-expiry is implied");
    assertEquals("SFU Library ILL\n8888 University Drive\nBurnaby BC V5A 1S6\nCA",
        m.attributes().get(NeutralMapper.A_DELIVERY_ADDRESS));
    assertEquals("ill@sfu.example", m.attributes().get("iso10161.delivery.electronic"));
    assertNull(m.attributes().get(NeutralMapper.A_DELIVERY_INFO_SENDER), "no such extension");
  }

  @Test
  void aDialectsChangeToTheAddressWinsAndTheRestIsKept() throws Exception {
    IllMessage m = codec.decode(golden("yaz-illclient-request-full.ber"), null);
    IllRequest original = (IllRequest) ber.decode(golden("yaz-illclient-request-full.ber"));

    // one structured part edited: only that part changes
    IllRequest city = (IllRequest) ber.decode(codec.encode(
        m.toBuilder().attribute("iso10161.delivery.city", "Vancouver").build(), null));
    PostalAddress p = city.deliveryAddress().postalAddress();
    assertEquals("Vancouver", p.city().value());
    assertEquals(original.deliveryAddress().postalAddress().streetAndNumber(), p.streetAndNumber());
    assertEquals("V5A 1S6", p.postalCode().value());
    assertEquals(original.deliveryAddress().electronicAddress(),
        city.deliveryAddress().electronicAddress());

    // the free text replaced: the postal address is the new text, the e-mail address stays
    IllRequest text = (IllRequest) ber.decode(codec.encode(m.toBuilder()
        .attribute(NeutralMapper.A_DELIVERY_ADDRESS, "UVic ILL\nPO Box 1800\nVictoria BC").build(),
        null));
    assertEquals(new PostalAddress(
        new NameOfPersonOrInstitution(PartyKind.INSTITUTION, IllString.of("UVic ILL")), null,
        IllString.of("PO Box 1800"), null, IllString.of("Victoria BC"), null, null, null),
        text.deliveryAddress().postalAddress());
    assertEquals(original.deliveryAddress().electronicAddress(),
        text.deliveryAddress().electronicAddress());

    // the electronic address removed: the postal one alone is sent
    java.util.Map<String, String> at = new java.util.HashMap<>(m.attributes());
    at.remove("iso10161.delivery.electronic");
    IllMessage noMail = new IllMessage(m.type(), m.requesterTransactionId(),
        m.supplierTransactionId(), m.sender(), m.recipient(), m.timestamp(), m.serviceType(),
        m.item(), m.patron(), m.reason(), m.answer(), m.dueDate(), m.note(), at, m.warnings());
    IllRequest r = (IllRequest) ber.decode(codec.encode(noMail, null));
    assertNull(r.deliveryAddress().electronicAddress());
    assertEquals(original.deliveryAddress().postalAddress(), r.deliveryAddress().postalAddress());
  }

  @Test
  void freeTextAddressLinesGoToNameExtendedStreetAndCity() throws Exception {
    assertEquals(new PostalAddress(inst("A"), null, null, null, null, null, null, null),
        NeutralMapper.postalFromText("  A \n\n"));
    assertEquals(new PostalAddress(inst("A"), null, IllString.of("B"), null, null, null, null,
        null), NeutralMapper.postalFromText("A\r\nB"));
    PostalAddress five = NeutralMapper.postalFromText("A\nB1\nB2\nC\nD");
    assertEquals(new PostalAddress(inst("A"), IllString.of("B1, B2"), IllString.of("C"), null,
        IllString.of("D"), null, null, null), five);
    assertNull(NeutralMapper.postalFromText(" \n "));
    // up to four lines, text -> address -> text is the identity
    for (String t : List.of("A", "A\nB", "A\nB\nC", "A\nB\nC\nD")) {
      assertEquals(t, NeutralMapper.addressText(NeutralMapper.postalFromText(t)));
    }
  }

  @Test
  void engineMadeRequestWithConsistentStructuredAndFreeAddressUsesTheStructuredParts()
      throws Exception {
    IllMessage req = IllMessage.builder(MessageType.REQUEST).requesterTransactionId("T1")
        .sender(AgencyId.parse("ISIL:CA-BVAS")).recipient(AgencyId.parse("NUC:OZZ"))
        .timestamp(Instant.parse("2024-05-01T08:30:00Z")).item(Item.titled("X"))
        .attribute("iso10161.delivery.name", "SFU Library")
        .attribute("iso10161.delivery.city", "Burnaby")
        .attribute("iso10161.delivery.region", "BC")
        .attribute(NeutralMapper.A_DELIVERY_ADDRESS, "SFU Library\nBurnaby BC").build();
    PostalAddress p = ((IllRequest) ber.decode(codec.encode(req, null)))
        .deliveryAddress().postalAddress();
    assertEquals("Burnaby", p.city().value());
    assertEquals("BC", p.region().value());
    // when they disagree, the free text (a dialect's default or the request's own) wins
    IllMessage other = req.toBuilder()
        .attribute(NeutralMapper.A_DELIVERY_ADDRESS, "UVic ILL\nVictoria BC").build();
    assertEquals("UVic ILL", ((IllRequest) ber.decode(codec.encode(other, null)))
        .deliveryAddress().postalAddress().name().value().value());
  }

  @Test
  void unusualExpiryFlagsRoundTrip() throws Exception {
    for (SearchType st : List.of(
        new SearchType(null, "20240430", ExpiryFlag.NEED_BEFORE_DATE, null),
        new SearchType(null, null, ExpiryFlag.OTHER_DATE, null),
        new SearchType(null, null, ExpiryFlag.NO_EXPIRY, "20240501"),
        new SearchType(null, null, ExpiryFlag.NO_EXPIRY, null))) {
      IllRequest r = Samples.fullRequest();
      IllRequest withSt = new IllRequest(r.header(), r.transactionType(), r.deliveryAddress(),
          r.deliveryService(), r.billingAddress(), r.serviceTypes(),
          r.responderSpecificService(), r.requesterOptionalMessages(), st, r.supplyMediumInfo(),
          r.placeOnHold(), r.clientId(), r.itemId(), r.supplementalItemDescription(),
          r.costInfo(), r.copyrightCompliance(), r.thirdPartyInfo(), r.retryFlag(),
          r.forwardFlag(), r.requesterNote(), r.forwardNote(), r.extensions());
      IllMessage m = NeutralMapper.toNeutral(withSt, null);
      assertEquals(st, ((IllRequest) ber.decode(codec.encode(m, null))).searchType());
    }
    // a dialect adding an expiry date to a request that had none: flag other-date
    IllMessage m = codec.decode(golden("yaz-illclient-request-full.ber"), null).toBuilder()
        .attribute(NeutralMapper.A_EXPIRY_DATE, "20240601").build();
    assertEquals(new SearchType(IllString.of("N"), "20240430", ExpiryFlag.OTHER_DATE, "20240601"),
        ((IllRequest) ber.decode(codec.encode(m, null))).searchType());
  }

  private static NameOfPersonOrInstitution inst(String name) {
    return new NameOfPersonOrInstitution(PartyKind.INSTITUTION, IllString.of(name));
  }
}
