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
}
