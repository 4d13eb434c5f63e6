package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RestMessageCodecTest {

  private final RestMessageCodec codec = new RestMessageCodec(Labels.english());

  static IllMessage full(MessageType type) {
    return IllMessage.builder(type)
        .requesterTransactionId("ILLUME-42")
        .supplierTransactionId("IB0123456789")
        .sender(AgencyId.parse("ISIL:CA-HOME"))
        .recipient(AgencyId.parse("NUC:BVAS"))
        .timestamp(Instant.parse("2025-03-03T09:00:00.123456789Z"))
        .serviceType(ServiceType.COPY_OR_LOAN)
        .item(new Item("Moby Dick", "Melville", "9780142437247", "1234-5678", "ocm123", "PS2384",
            "Penguin", "2003", "Rev. ed.", "v.1", "1-20", "OCLC"))
        .patron(new Patron("P-1", "Ishmaël Ünicode", "faculty"))
        .reason("lenders-exhausted")
        .answer(false)
        .dueDate(LocalDate.of(2025, 4, 30))
        .note("Line one\nline \"two\"")
        .attribute("bridge.notice", "possible-duplicate-supply")
        .attribute("iso10161.responder-note", "x")
        .warning("normalised something")
        .build();
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void everyTypeWithEveryFieldRoundTrips(MessageType type) throws Exception {
    IllMessage m = full(type);
    assertEquals(m, codec.decode(codec.encode(m, null), null));
  }

  @Test
  void minimalMessageRoundTripsAndOmitsAbsentFields() throws Exception {
    IllMessage m = IllMessage.builder(MessageType.NOTE).build();
    byte[] wire = codec.encode(m, null);
    JsonNode tree = JsonFields.MAPPER.readTree(wire);
    assertEquals("NOTE", tree.get("type").asText());
    assertFalse(tree.has("note"));
    assertFalse(tree.has("attributes"));
    assertEquals(m, codec.decode(wire, null));
    assertEquals(Protocol.REST, codec.protocol());
  }

  @Test
  void encodeWritesLabelsFromTheMessageBundleAndDecodeIgnoresThem() throws Exception {
    JsonNode tree = JsonFields.MAPPER.readTree(codec.encode(full(MessageType.NOTE), null));
    assertEquals("Message", tree.at("/labels/type").asText());
    assertEquals("Copy or loan", tree.at("/labels/serviceType").asText());
    assertEquals("No lender in the list could supply the item", tree.at("/labels/reason").asText());
    assertTrue(tree.at("/labels/notice").asText().startsWith("Possible duplicate supply"));
    assertEquals("ISIL:CA-HOME", tree.get("sender").asText());

    RestMessageCodec french = new RestMessageCodec(Labels.forLanguage("fr-CA"));
    JsonNode fr = JsonFields.MAPPER.readTree(french.encode(full(MessageType.SHIPPED), null));
    assertEquals("Expédiée", fr.at("/labels/type").asText());
  }

  @Test
  void anOvertakenLenderStatusIsLabelledInBothLanguages() throws Exception {
    IllMessage late = IllMessage.builder(MessageType.WILL_SUPPLY)
        .attribute("bridge.notice", "arrived-after-later-status").build();
    JsonNode en = JsonFields.MAPPER.readTree(codec.encode(late, null));
    assertTrue(en.at("/labels/notice").asText().contains("arrived after a later one"));
    assertEquals("arrived-after-later-status", en.at("/attributes/bridge.notice").asText());
    JsonNode fr = JsonFields.MAPPER.readTree(new RestMessageCodec(Labels.forLanguage("fr")).encode(late, null));
    assertTrue(fr.at("/labels/notice").asText().contains("statut plus récent"));
  }

  @Test
  void unknownReasonGetsNoLabelRatherThanTheRawCode() throws Exception {
    IllMessage m = IllMessage.builder(MessageType.UNFILLED).reason("iso18626:NotHeld").build();
    JsonNode tree = JsonFields.MAPPER.readTree(codec.encode(m, null));
    assertFalse(tree.at("/labels").has("reason"));
    assertEquals("iso18626:NotHeld", tree.get("reason").asText());
  }

  @Test
  void agencyIdsAreNormalisedLikeTheModel() throws Exception {
    IllMessage m = decode("{\"type\":\"NOTE\",\"sender\":\"isil:ca-bvas\"}");
    assertEquals(new AgencyId(AgencyIdScheme.ISIL, "CA-BVAS"), m.sender());
  }

  @Test
  void acceptsOffsetsInTimestamps() throws Exception {
    IllMessage m = decode("{\"type\":\"NOTE\",\"timestamp\":\"2025-03-03T10:00:00+01:00\"}");
    assertEquals(Instant.parse("2025-03-03T09:00:00Z"), m.timestamp());
  }

  // --- validation ---------------------------------------------------------------------------------

  @Test
  void unknownTypeIsUnsupportedAndListsTheTypes() {
    CodecException e = refused("{\"type\":\"SHIPPPED\"}");
    assertEquals(CodecException.Kind.UNSUPPORTED_TYPE, e.kind());
    assertTrue(e.getMessage().contains("type: unknown value 'SHIPPPED'"), e.getMessage());
    assertTrue(e.getMessage().contains("SHIPPED"), e.getMessage());
  }

  @Test
  void missingType() {
    CodecException e = refused("{\"note\":\"hi\"}");
    assertEquals(CodecException.Kind.UNRECOGNISED_DATA_ELEMENT, e.kind());
    assertEquals("type: is required", e.getMessage());
  }

  @Test
  void badAgencyIds() {
    CodecException scheme = refused("{\"type\":\"NOTE\",\"sender\":\"ISBN:123\"}");
    assertEquals(CodecException.Kind.UNRECOGNISED_DATA_VALUE, scheme.kind());
    assertTrue(scheme.getMessage().startsWith("sender: bad agency id 'ISBN:123': unknown scheme 'ISBN'"),
        scheme.getMessage());
    assertTrue(refused("{\"type\":\"NOTE\",\"recipient\":\"BVAS\"}").getMessage()
        .contains("recipient: bad agency id 'BVAS': write it as SCHEME:VALUE"));
    assertTrue(refused("{\"type\":\"NOTE\",\"sender\":\"NUC:BV AS\"}").getMessage()
        .contains("without spaces"));
    assertTrue(refused("{\"type\":\"NOTE\",\"sender\":\"NUC:\"}").getMessage().contains("SCHEME:VALUE"));
  }

  @Test
  void badDatesAndTimes() {
    CodecException due = refused("{\"type\":\"SHIPPED\",\"dueDate\":\"30/04/2025\"}");
    assertEquals(CodecException.Kind.UNRECOGNISED_DATA_VALUE, due.kind());
    assertTrue(due.getMessage().startsWith("dueDate: bad date '30/04/2025'"), due.getMessage());
    assertTrue(refused("{\"type\":\"SHIPPED\",\"dueDate\":\"2025-02-30\"}").getMessage().startsWith("dueDate: bad date"));
    assertTrue(refused("{\"type\":\"NOTE\",\"timestamp\":\"2025-03-03T09:00:00\"}").getMessage()
        .startsWith("timestamp: bad date-time"));
  }

  @Test
  void unknownFieldsAreRefusedWithTheirPath() {
    CodecException top = refused("{\"type\":\"NOTE\",\"colour\":\"red\"}");
    assertEquals(CodecException.Kind.UNRECOGNISED_DATA_ELEMENT, top.kind());
    assertTrue(top.getMessage().startsWith("colour: unknown field"), top.getMessage());
    assertTrue(refused("{\"type\":\"REQUEST\",\"item\":{\"titel\":\"x\"}}").getMessage().startsWith("item.titel: unknown field"));
    assertTrue(refused("{\"type\":\"REQUEST\",\"patron\":{\"email\":\"x\"}}").getMessage().startsWith("patron.email: unknown field"));
    assertTrue(refused("{\"type\":\"NOTE\",\"labels\":{\"foo\":\"x\"}}").getMessage().startsWith("labels.foo: unknown field"));
  }

  @Test
  void wrongJsonTypes() {
    assertEquals("note: must be a string, not number", refused("{\"type\":\"NOTE\",\"note\":42}").getMessage());
    assertEquals("answer: must be true or false, not string", refused("{\"type\":\"CANCEL_REPLY\",\"answer\":\"yes\"}").getMessage());
    assertEquals("attributes.a: must be a string, not number", refused("{\"type\":\"NOTE\",\"attributes\":{\"a\":1}}").getMessage());
    assertEquals("warnings[1]: must be a string, not object", refused("{\"type\":\"NOTE\",\"warnings\":[\"a\",{}]}").getMessage());
    assertEquals("item: must be a JSON object, not array", refused("{\"type\":\"REQUEST\",\"item\":[]}").getMessage());
    assertEquals("serviceType: unknown value 'loan' (one of: LOAN, COPY, COPY_OR_LOAN, LOCATIONS, ESTIMATE, RESPONDER_SPECIFIC)",
        refused("{\"type\":\"REQUEST\",\"serviceType\":\"loan\"}").getMessage());
  }

  @Test
  void malformedDocuments() {
    for (String bad : new String[] {"", "   ", "{", "[1,2]", "\"NOTE\"", "{\"type\":\"NOTE\"} {}",
        "{\"type\":\"NOTE\",\"type\":\"SHIPPED\"}", "{\"type\":\"NOTE\",\"note\":\"x\",}", "nul"}) {
      CodecException e = refused(bad);
      assertEquals(CodecException.Kind.MALFORMED, e.kind(), bad + " -> " + e.getMessage());
    }
    assertTrue(refused("{\"type\":\"NOTE\",\"type\":\"SHIPPED\"}").getMessage().contains("Duplicate field 'type'"));
  }

  @Test
  void deepNestingIsRefusedByTheParser() {
    String deep = "{\"type\":\"NOTE\",\"attributes\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertEquals(CodecException.Kind.MALFORMED, refused(deep).kind());
  }

  @Test
  void nullFieldsCountAsAbsent() throws Exception {
    IllMessage m = decode("{\"type\":\"NOTE\",\"note\":null,\"item\":null,\"answer\":null}");
    assertNull(m.note());
    assertNull(m.item());
    assertNull(m.answer());
  }

  private IllMessage decode(String json) throws CodecException {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8), null);
  }

  private CodecException refused(String json) {
    return assertThrows(CodecException.class, () -> decode(json));
  }
}
