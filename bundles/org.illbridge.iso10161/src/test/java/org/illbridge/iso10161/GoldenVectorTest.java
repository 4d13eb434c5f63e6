package org.illbridge.iso10161;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** APDUs produced by YAZ (see src/test/golden/README.md): decode, check, re-encode, decode equal. */
class GoldenVectorTest {
  private final BerCodec codec = new BerCodec();

  static byte[] golden(String name) throws IOException {
    try (InputStream in = GoldenVectorTest.class.getResourceAsStream("/golden/" + name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  private IllApdu roundTrip(String name) throws Exception {
    byte[] ber = golden(name);
    IllApdu apdu = codec.decode(ber);
    byte[] again = codec.encode(apdu);
    assertEquals(apdu, codec.decode(again), "decode(encode(decode(x))) == decode(x) for " + name);
    return apdu;
  }

  @Test
  void fullRequestFromYazIllclient() throws Exception {
    IllRequest r = (IllRequest) roundTrip("yaz-illclient-request-full.ber");
    assertEquals(ApduType.ILL_REQUEST, r.type());
    assertEquals(2, r.header().protocolVersion());
    TransactionId tid = r.header().transactionId();
    assertEquals("BVAS", tid.initialRequesterId().symbol().value().value());
    assertEquals(PartyKind.INSTITUTION, tid.initialRequesterId().symbol().kind());
    assertEquals("GRP-2024", tid.groupQualifier().value());
    assertEquals("REQ-000123", tid.qualifier().value());
    assertNull(tid.subQualifier());
    assertEquals("20240315", r.header().serviceDateTime().thisService().date());
    assertEquals("101530", r.header().serviceDateTime().thisService().time());
    assertEquals(java.time.LocalDate.of(2024, 3, 15),
        r.header().serviceDateTime().thisService().localDate());
    assertEquals("Simon Fraser University", r.header().requesterId().name().value().value());
    assertEquals("OZZ", r.header().responderId().symbol().value().value());
    assertEquals(TransactionType.SIMPLE, r.transactionType());
    assertEquals(List.of(IllServiceType.LOAN), r.serviceTypes());
    PostalAddress pa = r.deliveryAddress().postalAddress();
    assertEquals("SFU Library ILL", pa.name().value().value());
    assertEquals(PartyKind.INSTITUTION, pa.name().kind());
    assertEquals("8888 University Drive", pa.streetAndNumber().value());
    assertEquals("Burnaby", pa.city().value());
    assertEquals("BC", pa.region().value());
    assertEquals("CA", pa.country().value());
    assertEquals("V5A 1S6", pa.postalCode().value());
    assertEquals("ill@sfu.example",
        r.deliveryAddress().electronicAddress().telecomServiceAddress().value());
    assertTrue(r.requesterOptionalMessages().canSendReceived());
    assertTrue(r.requesterOptionalMessages().canSendReturned());
    assertEquals(MessagingPreference.DESIRES, r.requesterOptionalMessages().requesterShipped());
    assertEquals(MessagingPreference.NEITHER, r.requesterOptionalMessages().requesterCheckedIn());
    assertEquals("N", r.searchType().levelOfService().value());
    assertEquals("20240430", r.searchType().needBeforeDate());
    assertEquals(ExpiryFlag.NO_EXPIRY, r.searchType().expiryFlag());
    assertEquals(PlaceOnHold.ACCORDING_TO_RESPONDER_POLICY, r.placeOnHold());
    assertEquals("Jane Patron", r.clientId().name().value());
    assertEquals("faculty", r.clientId().status().value());
    assertEquals("P-42", r.clientId().identifier().value());
    ItemId item = r.itemId();
    assertEquals(ItemType.MONOGRAPH, item.itemType());
    assertEquals("QA76.73 .J38", item.callNumber().value());
    assertEquals("Gosling, James", item.author().value());
    assertEquals("The Java Language Specification", item.title().value());
    assertEquals("Addison-Wesley", item.publisher().value());
    assertEquals("Boston", item.placeOfPublication().value());
    assertEquals("3rd ed.", item.edition().value());
    assertEquals("2005", item.publicationDate().value());
    assertEquals("0321246780", item.isbn().value());
    assertEquals("OCLC WorldCat", item.verificationReferenceSource().value());
    assertEquals(IllString.Form.GENERAL, item.title().form());
    assertEquals("CCG", r.copyrightCompliance().value());
    assertFalse(r.retryFlag());
    assertFalse(r.forwardFlag());
    assertEquals("Please ship by courier", r.requesterNote().value());
    assertTrue(r.extensions().isEmpty());
  }

  @Test
  void oclcRequestWithExtensionsFromYazIllclient() throws Exception {
    IllRequest r = (IllRequest) roundTrip("yaz-illclient-request-oclc.ber");
    assertEquals("Moby-Dick", r.itemId().title().value());
    assertEquals("Melville, Herman", r.itemId().author().value());
    assertEquals(List.of(IllServiceType.COPY_NON_RETURNABLE), r.serviceTypes());
    assertEquals(2, r.extensions().size());
    // first: Z39.50 PromptObject authentication, unknown to the codec: passed through as bytes
    Extension prompt = r.extensions().get(0);
    assertEquals(1, prompt.identifier());
    assertFalse(prompt.critical());
    RawBer raw = assertInstanceOf(RawBer.class, prompt.item());
    assertEquals(0x28, raw.encoded()[0] & 0xff, "an EXTERNAL");
    // second: the OCLC ILL request extension, decoded (YAZ sends it with every field absent)
    Extension oclc = r.extensions().get(1);
    OclcIllRequestExtension o = assertInstanceOf(OclcIllRequestExtension.class, oclc.item());
    assertEquals(new OclcIllRequestExtension(null, null, null, null, null, null, null, null), o);
  }

  @Test
  void unknownExtensionBytesAreKeptExactly() throws Exception {
    IllRequest r = (IllRequest) codec.decode(golden("yaz-illclient-request-oclc.ber"));
    RawBer before = (RawBer) r.extensions().get(0).item();
    IllRequest again = (IllRequest) codec.decode(codec.encode(r));
    assertArrayEquals(before.encoded(), ((RawBer) again.extensions().get(0).item()).encoded());
  }

  private static void assertCommonHeader(IllApdu a) {
    ApduHeader h = a.header();
    assertEquals(2, h.protocolVersion());
    assertEquals("BVAS", h.transactionId().initialRequesterId().symbol().value().value());
    assertEquals("GRP-2024", h.transactionId().groupQualifier().value());
    assertEquals("REQ-000123", h.transactionId().qualifier().value());
    assertEquals("20240315", h.serviceDateTime().originalService().date());
    assertNull(h.serviceDateTime().originalService().time());
    assertEquals("Simon Fraser University", h.requesterId().name().value().value());
    assertEquals("OZZ", h.responderId().symbol().value().value());
    assertNull(h.responderId().name());
  }

  @Test
  void shipped() throws Exception {
    Shipped s = (Shipped) roundTrip("yaz-shipped.ber");
    assertCommonHeader(s);
    assertEquals("20240320", s.header().serviceDateTime().thisService().date());
    assertEquals("093000", s.header().serviceDateTime().thisService().time());
    assertEquals("UNT Health Science Center", s.supplierId().name().value().value());
    assertEquals(IllServiceType.LOAN, s.shippedServiceType());
    assertEquals(new ResponderOptionalMessages(true, true, MessagingPreference.DESIRES,
        MessagingPreference.REQUIRES), s.responderOptionalMessages());
    SupplyDetails d = s.supplyDetails();
    assertEquals("20240320", d.dateShipped());
    assertEquals(new DateDue("20240420", true), d.dateDue());
    assertEquals(java.time.LocalDate.of(2024, 4, 20), d.dateDue().localDate());
    assertEquals(1, d.chargeableUnits());
    assertEquals(new Amount("USD", "12.50"), d.cost());
    assertEquals(Condition.LIBRARY_USE_ONLY, d.shippedConditions());
    assertEquals("Courier", d.shippedViaPhysical().value());
    assertNull(d.shippedViaElectronic());
    assertEquals("Handle with care", s.responderNote().value());
  }

  @Test
  void answers() throws Exception {
    IllAnswer u = (IllAnswer) roundTrip("yaz-answer-unfilled.ber");
    assertCommonHeader(u);
    assertEquals(TransactionResults.UNFILLED, u.transactionResults());
    UnfilledResults ur = assertInstanceOf(UnfilledResults.class, u.resultsExplanation());
    assertEquals(ReasonCode.IN_USE_ON_LOAN, ur.reasonUnfilled());
    assertEquals(1, ur.locations().size());
    assertEquals("UBC", ur.locations().get(0).id().symbol().value().value());
    assertEquals("Try UBC", ur.locations().get(0).note().value());
    assertEquals("On loan until May", u.responderNote().value());

    IllAnswer w = (IllAnswer) roundTrip("yaz-answer-will-supply.ber");
    WillSupplyResults wr = assertInstanceOf(WillSupplyResults.class, w.resultsExplanation());
    assertEquals(ReasonCode.BEING_PROCESSED_FOR_SUPPLY, wr.reasonWillSupply());
    assertEquals("20240322", wr.supplyDate());

    IllAnswer c = (IllAnswer) roundTrip("yaz-answer-conditional.ber");
    assertEquals(TransactionResults.CONDITIONAL, c.transactionResults());
    ConditionalResults cr = assertInstanceOf(ConditionalResults.class, c.resultsExplanation());
    assertEquals(Condition.CHARGES, cr.conditions());
    assertEquals("20240325", cr.dateForReply());
    assertEquals("Fee 15 CAD", c.responderNote().value());

    IllAnswer r = (IllAnswer) roundTrip("yaz-answer-retry.ber");
    RetryResults rr = assertInstanceOf(RetryResults.class, r.resultsExplanation());
    assertEquals(ReasonCode.AT_BINDERY, rr.reasonNotAvailable());
    assertEquals("20240401", rr.retryDate());
  }

  @Test
  void statusAndErrorReports() throws Exception {
    StatusOrErrorReport e = (StatusOrErrorReport) roundTrip("yaz-status-or-error-report.ber");
    assertCommonHeader(e);
    assertEquals("REQ-000123", e.errorReport().correlationInformation().value());
    assertEquals(ReportSource.PROVIDER, e.errorReport().reportSource());
    assertEquals(new ProviderErrorReport.StateTransitionProhibited(ApduType.RECEIVED,
        CurrentState.PENDING), e.errorReport().providerErrorReport());
    assertNull(e.statusReport());
    assertEquals("RECEIVED before SHIPPED", e.note().value());

    StatusOrErrorReport s = (StatusOrErrorReport) roundTrip("yaz-status-report.ber");
    HistoryReport h = s.statusReport().userStatusReport();
    assertEquals("20240315", h.dateRequested());
    assertEquals("The Java Language Specification", h.title().value());
    assertEquals(ApduType.SHIPPED, h.mostRecentService());
    assertEquals("OZZ", h.initiatorOfMostRecentService().symbol().value().value());
    assertEquals(IllServiceType.LOAN, h.shippedServiceType());
    assertEquals(TransactionResults.WILL_SUPPLY, h.transactionResults());
    assertEquals(CurrentState.SHIPPED, s.statusReport().providerStatusReport());
  }

  @Test
  void simpleServices() throws Exception {
    assertTrue(((CancelReply) roundTrip("yaz-cancel-reply.ber")).answer());
    Cancel cancel = (Cancel) roundTrip("yaz-cancel.ber");
    assertEquals(new IllString("NO LONGER NEEDED", IllString.Form.EDIFACT), cancel.requesterNote());
    Received rec = (Received) roundTrip("yaz-received.ber");
    assertEquals("20240322", rec.dateReceived());
    assertEquals(IllServiceType.LOAN, rec.shippedServiceType());
    Returned ret = (Returned) roundTrip("yaz-returned.ber");
    assertEquals("20240415", ret.dateReturned());
    assertEquals("Canada Post", ret.returnedVia().value());
    assertEquals(new Amount("CAD", "100"), ret.insuredFor());
    assertEquals("20240418", ((CheckedIn) roundTrip("yaz-checked-in.ber")).dateCheckedIn());
    assertEquals(new DateDue("20240420", false), ((Overdue) roundTrip("yaz-overdue.ber")).dateDue());
    assertEquals("20240520", ((Renew) roundTrip("yaz-renew.ber")).desiredDueDate());
    RenewAnswer ra = (RenewAnswer) roundTrip("yaz-renew-answer.ber");
    assertTrue(ra.answer());
    assertEquals(new DateDue("20240520", false), ra.dateDue());
    assertEquals("Bitte beachten: Lieferung verz\u00f6gert",
        ((Message) roundTrip("yaz-message.ber")).note().value(), "UTF-8 GeneralString");
    Damaged dmg = (Damaged) roundTrip("yaz-damaged.ber");
    assertEquals(new DamagedDetails(null, false, List.of(12L, 13L)), dmg.damagedDetails());
    assertEquals("Pages 12-13 torn", dmg.note().value());
  }
}
