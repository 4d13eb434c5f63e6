package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LenientStrictTest {

  private final Iso18626Codec strict = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
  private final Iso18626Codec lenient = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults());
  private final Iso18626Codec lenientValidating = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults().withValidate(true));

  private static final String AGENCIES = """
        <ill:supplyingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>AU-VMOU</ill:agencyIdValue></ill:supplyingAgencyId>
        <ill:requestingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>CA-AEU</ill:agencyIdValue></ill:requestingAgencyId>
      """;

  static String sam(String status, String multiple, String extra) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ill:ISO18626Message xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
          <ill:supplyingAgencyMessage>
            <ill:header>%s%s
              <ill:timestamp>2013-07-01T10:00:00Z</ill:timestamp>
              <ill:requestingAgencyRequestId>XYZ123</ill:requestingAgencyRequestId>
            </ill:header>
            <ill:messageInfo><ill:reasonForMessage>RequestResponse</ill:reasonForMessage>%s</ill:messageInfo>
            <ill:statusInfo><ill:status>%s</ill:status><ill:lastChange>2013-07-01T10:00:00Z</ill:lastChange></ill:statusInfo>
          </ill:supplyingAgencyMessage>
        </ill:ISO18626Message>
        """.formatted(AGENCIES, multiple, extra, status);
  }

  static final String MULTI = "<ill:multipleItemRequestId></ill:multipleItemRequestId>";

  @Test
  void conformingMessageReadsTheSameInBothModes() throws Exception {
    byte[] xml = Samples.utf8(sam("Unfilled", MULTI, "<ill:reasonUnfilled>NotOnShelf</ill:reasonUnfilled>"));
    Iso18626Document s = strict.read(xml);
    Iso18626Document l = lenient.read(xml);
    assertEquals(s.message(), l.message());
    assertTrue(l.warnings().isEmpty());
    SupplyingAgencyMessage m = (SupplyingAgencyMessage) s.message();
    assertEquals(Status.UNFILLED, m.statusInfo().status());
    assertEquals("NotOnShelf", m.messageInfo().reasonUnfilled().value());
    assertEquals(Iso18626Version.V2017, s.version());
  }

  @Test
  void caseVariantOfCodeIsNormalisedWithWarningOnlyWhenLenient() throws Exception {
    byte[] xml = Samples.utf8(sam("cancelled", MULTI, ""));
    Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> strict.read(xml));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE, e.errorType());
    assertEquals("supplyingAgencyMessage", e.messageElement());
    Iso18626Document doc = lenient.read(xml);
    assertEquals(Status.CANCELLED, ((SupplyingAgencyMessage) doc.message()).statusInfo().status());
    assertTrue(doc.warnings().stream().anyMatch(w -> w.contains("cancelled")), doc.warnings().toString());
  }

  @Test
  void seedAliasesOnLoanAndCompletedAreReadLeniently() throws Exception {
    assertEquals(Status.LOANED, ((SupplyingAgencyMessage) lenient.read(Samples.utf8(sam("OnLoan", MULTI, ""))).message())
        .statusInfo().status());
    assertEquals(Status.COPY_COMPLETED,
        ((SupplyingAgencyMessage) lenient.read(Samples.utf8(sam("Completed", MULTI, ""))).message()).statusInfo().status());
    assertThrows(Iso18626CodecException.class, () -> strict.read(Samples.utf8(sam("OnLoan", MULTI, ""))));
  }

  @Test
  void yesNoWrittenAsWordsIsReadLeniently() throws Exception {
    byte[] xml = Samples.utf8(sam("WillSupply", MULTI, "<ill:answerYesNo>No</ill:answerYesNo>"));
    assertEquals(YesNo.N, ((SupplyingAgencyMessage) lenient.read(xml).message()).messageInfo().answerYesNo());
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE,
        assertThrows(Iso18626CodecException.class, () -> strict.read(xml)).errorType());
  }

  @Test
  void missingMultipleItemRequestIdIsAWarningOnlyWhenLenient() throws Exception {
    byte[] xml = Samples.utf8(sam("WillSupply", "", ""));
    assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT,
        assertThrows(Iso18626CodecException.class, () -> strict.read(xml)).errorType());
    Iso18626Document doc = lenient.read(xml);
    assertNull(((SupplyingAgencyMessage) doc.message()).header().multipleItemRequestId());
    assertTrue(doc.warnings().stream().anyMatch(w -> w.contains("multipleItemRequestId")));
  }

  @Test
  void unknownElementIsRefusedStrictlyAndIgnoredLeniently() throws Exception {
    byte[] xml = Samples.utf8(sam("WillSupply", MULTI, "<ill:vendorExtension>x</ill:vendorExtension>"));
    Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> strict.read(xml));
    assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT, e.errorType());
    assertTrue(e.getMessage().contains("vendorExtension"));
    Iso18626Document doc = lenient.read(xml);
    assertTrue(doc.warnings().stream().anyMatch(w -> w.contains("vendorExtension")));
  }

  @Test
  void anyPrefixOrTheDefaultNamespaceIsAccepted() throws Exception {
    String other = sam("Loaned", MULTI, "").replace("ill:", "iso:").replace("xmlns:ill", "xmlns:iso");
    assertEquals(Status.LOANED, ((SupplyingAgencyMessage) strict.read(Samples.utf8(other)).message()).statusInfo().status());
    String dflt = sam("Loaned", MULTI, "").replace("ill:version", "version").replace("ill:", "").replace("xmlns:ill", "xmlns");
    assertEquals(Iso18626Version.V2017, strict.read(Samples.utf8(dflt)).version());
  }

  @Test
  void missingNamespaceIsAWarningOnlyWhenLenient() throws Exception {
    String none = sam("Loaned", MULTI, "").replace("ill:version", "version").replace("ill:", "")
        .replace(" xmlns:ill=\"http://illtransactions.org/2013/iso18626\"", "");
    assertEquals(ErrorType.BADLY_FORMED_MESSAGE,
        assertThrows(Iso18626CodecException.class, () -> strict.read(Samples.utf8(none))).errorType());
    Iso18626Document doc = lenient.read(Samples.utf8(none));
    assertTrue(doc.warnings().stream().anyMatch(w -> w.contains("namespace")));
  }

  @Test
  void missingVersionIsGuessedLeniently() throws Exception {
    String noVersion = sam("Loaned", MULTI, "").replace(" ill:version=\"1.2\"", "");
    assertThrows(Iso18626CodecException.class, () -> strict.read(Samples.utf8(noVersion)));
    Iso18626Document doc = lenient.read(Samples.utf8(noVersion));
    assertEquals(Iso18626Version.V2017, doc.version());
    assertFalse(doc.warnings().isEmpty());
  }

  @Test
  void version2021ValueIn2017MessageIsRefusedStrictly() throws Exception {
    byte[] xml = Samples.utf8(sam("HoldReturn", MULTI, ""));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE,
        assertThrows(Iso18626CodecException.class, () -> strict.read(xml)).errorType());
    assertEquals(Status.HOLD_RETURN, ((SupplyingAgencyMessage) lenient.read(xml).message()).statusInfo().status());
  }

  @Test
  void unknownReasonForMessageAndActionMapToTheirErrorTypes() {
    byte[] badReason = Samples.utf8(sam("Loaned", MULTI, "").replace(">RequestResponse<", ">Gossip<"));
    assertEquals(ErrorType.UNSUPPORTED_REASON_FOR_MESSAGE_TYPE,
        assertThrows(Iso18626CodecException.class, () -> lenient.read(badReason)).errorType());
    String ram = """
        <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2"><requestingAgencyMessage>
        <header>%s<multipleItemRequestId/><timestamp>2013-07-01T10:00:00Z</timestamp>
        <requestingAgencyRequestId>X</requestingAgencyRequestId></header><action>Dance</action></requestingAgencyMessage></ISO18626Message>
        """.formatted(AGENCIES.replace("ill:", ""));
    Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> strict.read(Samples.utf8(ram)));
    assertEquals(ErrorType.UNSUPPORTED_ACTION_TYPE, e.errorType());
    assertEquals("requestingAgencyMessage", e.messageElement());
  }

  @Test
  void badDateIsAnUnrecognisedValue() {
    byte[] xml = Samples.utf8(sam("Loaned", MULTI, "").replace("<ill:lastChange>2013-07-01T10:00:00Z", "<ill:lastChange>yesterday"));
    Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> lenient.read(xml));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE, e.errorType());
    assertTrue(e.getMessage().contains("lastChange"));
  }

  @Test
  void schemaViolationIsAWarningWhenLenientAndValidating() throws Exception {
    // Element order swapped: the tree reader does not care, the schema does.
    String swapped = sam("Loaned", MULTI, "").replace(
        "<ill:statusInfo><ill:status>Loaned</ill:status><ill:lastChange>2013-07-01T10:00:00Z</ill:lastChange></ill:statusInfo>",
        "<ill:statusInfo><ill:lastChange>2013-07-01T10:00:00Z</ill:lastChange><ill:status>Loaned</ill:status></ill:statusInfo>");
    Iso18626Document doc = lenientValidating.read(Samples.utf8(swapped));
    assertTrue(doc.warnings().stream().anyMatch(w -> w.contains("schema")), doc.warnings().toString());
    Iso18626Codec strictValidating = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true));
    assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT,
        assertThrows(Iso18626CodecException.class, () -> strictValidating.read(Samples.utf8(swapped))).errorType());
  }

  @Test
  void elementFromAnotherNamespaceIsUnknownWhenStrict() throws Exception {
    String foreign = sam("Loaned", MULTI, "<x:note xmlns:x=\"urn:vendor\">hello</x:note>");
    assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT,
        assertThrows(Iso18626CodecException.class, () -> strict.read(Samples.utf8(foreign))).errorType());
    assertEquals("hello", ((SupplyingAgencyMessage) lenient.read(Samples.utf8(foreign)).message()).messageInfo().note());
  }

  @Test
  void elementAddedIn2021IsRefusedInA2017MessageWhenStrict() throws Exception {
    String withRetryInfo = sam("RetryPossible", MULTI, "").replace("</ill:statusInfo>",
        "</ill:statusInfo><ill:retryInfo><ill:retryBefore>2013-07-31T16:00:00-06:00</ill:retryBefore></ill:retryInfo>");
    Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> strict.read(Samples.utf8(withRetryInfo)));
    assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT, e.errorType());
    assertTrue(e.getMessage().contains("retryInfo"));
    Iso18626Document doc = lenient.read(Samples.utf8(withRetryInfo));
    assertNotNull(((SupplyingAgencyMessage) doc.message()).retryInfo().retryBefore());
    assertTrue(doc.warnings().stream().anyMatch(w -> w.contains("retryInfo")));
  }

  @Test
  void unfilledReasonWrittenAsStatusIsReadAsUnfilledLeniently() throws Exception {
    byte[] xml = Samples.utf8(sam("NonCirculating", MULTI, ""));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE,
        assertThrows(Iso18626CodecException.class, () -> strict.read(xml)).errorType());
    Iso18626Document doc = lenient.read(xml);
    SupplyingAgencyMessage m = (SupplyingAgencyMessage) doc.message();
    assertEquals(Status.UNFILLED, m.statusInfo().status());
    assertEquals("NonCirculating", m.messageInfo().reasonUnfilled().value());
    assertEquals("Item does not circulate",
        CodeLabels.label(ReasonUnfilled.class, m.messageInfo().reasonUnfilled().value(), java.util.Locale.ENGLISH));
    assertFalse(doc.warnings().isEmpty());
  }
}
