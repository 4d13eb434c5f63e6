package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The codec validates while it reads or writes (events fed to the XSD validator, no second
 * parse) and writes bytes itself. These tests check the two views agree: the bytes are valid on
 * their own, markup and non-ASCII text survive, what XML cannot carry is refused, and a
 * validator that saw a violation does not spoil the next message on the same thread.
 */
class SinglePassValidationTest {

  private final Iso18626Codec strictValidating = new Iso18626Codec(
      Iso18626Codec.Options.strictDefaults().withValidate(true).withValidateOutbound(true));
  private final Iso18626Codec lenientValidating = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults().withValidate(true));

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void writtenBytesAreValidWhenCheckedOnTheirOwn(Iso18626Version v) throws Exception {
    for (Iso18626Message m : Samples.all(v)) {
      byte[] xml = strictValidating.write(m, v);
      // Independent check: a separate validator parses the bytes.
      Iso18626Codec.validate(xml, v);
      assertEquals(m, strictValidating.read(xml).message());
    }
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void markupCharactersAndNonAsciiTextRoundTrip(Iso18626Version v) throws Exception {
    String note = "a < b && c > d \"quoted\" 'single' ]]> line1\r\nline2\ttab é ü ß 中文 😀 \u00a0end";
    RequestingAgencyMessage m = Samples.fullRequestingAgencyMessage(v);
    RequestingAgencyMessage tricky = new RequestingAgencyMessage(m.header(), m.action(), note);
    byte[] xml = strictValidating.write(tricky, v);
    Iso18626Codec.validate(xml, v);
    String text = new String(xml, StandardCharsets.UTF_8);
    assertTrue(text.contains("a &lt; b &amp;&amp; c &gt; d"), text);
    assertTrue(text.contains("&#13;"), "a carriage return must survive end-of-line normalisation: " + text);
    assertEquals(note, ((RequestingAgencyMessage) strictValidating.read(xml).message()).note());
  }

  @Test
  void charactersXmlCannotCarryAreRefusedOnWrite() {
    RequestingAgencyMessage m = Samples.fullRequestingAgencyMessage(Iso18626Version.V2017);
    for (String bad : List.of("bell\u0007", "nul\u0000", "lone \ud800 surrogate", "\uffff")) {
      RequestingAgencyMessage withBad = new RequestingAgencyMessage(m.header(), m.action(), bad);
      Iso18626CodecException e = assertThrows(Iso18626CodecException.class,
          () -> strictValidating.write(withBad, Iso18626Version.V2017));
      assertEquals(ErrorType.BADLY_FORMED_MESSAGE, e.errorType());
      assertTrue(e.getMessage().contains("U+"), e.getMessage());
    }
  }

  @Test
  void aMessageTheSchemaWouldRefuseIsRefusedOnWriteWithOrWithoutOutboundValidation() {
    // messageStatus is required by both schemas
    ConfirmationHeader noStatus = Samples.confirmationHeader(Iso18626Version.V2021, null);
    RequestConfirmation c = new RequestConfirmation(noStatus, List.of());
    for (Iso18626Codec codec : List.of(strictValidating, new Iso18626Codec(Iso18626Codec.Options.strictDefaults()))) {
      Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> codec.write(c, Iso18626Version.V2021));
      assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT, e.errorType());
      assertTrue(e.getMessage().startsWith("schema 2021-2") && e.getMessage().contains("messageStatus"), e.getMessage());
    }
  }

  @Test
  void aViolationDoesNotSpoilTheNextMessageOnTheSameThread() throws Exception {
    byte[] valid = strictValidating.write(Samples.fullRequest(Iso18626Version.V2017), Iso18626Version.V2017);
    String s = new String(valid, StandardCharsets.UTF_8);
    // Same elements, schema order broken: the title before the supplierUniqueRecordId is fine
    // for the tree reader, not for the XSD.
    int title = s.indexOf("<ill:title>");
    int titleEnd = s.indexOf("</ill:title>") + "</ill:title>".length();
    int bib = s.indexOf("<ill:bibliographicInfo>") + "<ill:bibliographicInfo>".length();
    String reordered = s.substring(0, bib) + s.substring(title, titleEnd) + s.substring(bib, title) + s.substring(titleEnd);
    byte[] invalid = reordered.getBytes(StandardCharsets.UTF_8);
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
    for (int round = 0; round < 3; round++) {
      assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT,
          assertThrows(Iso18626CodecException.class, () -> strictValidating.read(invalid)).errorType());
      assertEquals(ErrorType.BADLY_FORMED_MESSAGE,
          assertThrows(Iso18626CodecException.class, () -> strictValidating.read(truncated)).errorType());
      assertEquals(List.of(), strictValidating.read(valid).warnings());
      Iso18626Document lenient = lenientValidating.read(invalid);
      assertEquals(1, lenient.warnings().size(), lenient.warnings().toString());
      assertTrue(lenient.warnings().get(0).startsWith("not valid against the 1.2 schema"), lenient.warnings().toString());
      assertEquals(List.of(), lenientValidating.read(valid).warnings());
    }
  }

  @Test
  void aMessageWithoutVersionIsValidatedAgainstTheGuessedRevision() throws Exception {
    byte[] valid = strictValidating.write(Samples.fullRequest(Iso18626Version.V2017), Iso18626Version.V2017);
    byte[] noVersion = new String(valid, StandardCharsets.UTF_8).replace(" ill:version=\"1.2\"", "")
        .getBytes(StandardCharsets.UTF_8);
    Iso18626Document doc = lenientValidating.read(noVersion);
    assertEquals(Iso18626Version.V2017, doc.version());
    // the version attribute is required by the schema: checked against 1.2 after the guess
    assertTrue(doc.warnings().stream().anyMatch(w -> w.startsWith("not valid against the 1.2 schema")), doc.warnings().toString());
  }
}
