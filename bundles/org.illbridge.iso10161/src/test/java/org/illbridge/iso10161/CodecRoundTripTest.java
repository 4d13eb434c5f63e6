package org.illbridge.iso10161;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.Set;
import org.illbridge.api.codec.CodecException.Kind;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {
  private final BerCodec codec = new BerCodec();

  @Test
  void everyApduTypeRoundTripsWithAllComponents() throws Exception {
    Set<ApduType> seen = EnumSet.noneOf(ApduType.class);
    for (IllApdu apdu : Samples.allApdus()) {
      byte[] ber = codec.encode(apdu);
      assertEquals(apdu, codec.decode(ber), apdu.type().name());
      assertArrayEquals(ber, codec.encode(codec.decode(ber)), "DER is canonical");
      seen.add(apdu.type());
    }
    assertEquals(20, seen.size(), "all 20 APDUs covered: " + seen);
  }

  @Test
  void knownExtensionsAreDecodedAndUnknownKeptAsBytes() throws Exception {
    IllRequest r = (IllRequest) codec.decode(codec.encode(Samples.fullRequest()));
    assertInstanceOf(ApduDeliveryInfo.class, r.extensions().get(0).item());
    assertTrue(r.extensions().get(0).critical());
    assertEquals("Physics",
        ((OclcIllRequestExtension) r.extensions().get(1).item()).clientDepartment().value());
    assertArrayEquals(new byte[] {2, 1, 5}, ((RawBer) r.extensions().get(2).item()).encoded());
  }

  @Test
  void defaultsAreOmittedOnEncodeAndExplicitDefaultsAccepted() throws Exception {
    IllApdu minimal = new Cancel(Samples.header(), null, null);
    byte[] ber = codec.encode(minimal);
    assertEquals(minimal, codec.decode(ber));
    // The YAZ request carries transaction-type [5] = 1 and retry-flag [21] = FALSE explicitly;
    // DER re-encoding drops them, so it is shorter, yet decodes to the same value.
    byte[] yaz = GoldenVectorTest.golden("yaz-illclient-request-full.ber");
    IllApdu fromYaz = codec.decode(yaz);
    byte[] der = codec.encode(fromYaz);
    assertTrue(der.length < yaz.length);
    assertEquals(fromYaz, codec.decode(der));
  }

  @Test
  void missingRequiredComponentOnEncodeIsACodecError() {
    IllCodecException e = assertThrows(IllCodecException.class,
        () -> codec.encode(new Message(Samples.header(), null, null)));
    assertEquals(Kind.UNRECOGNISED_DATA_ELEMENT, e.kind());
    assertEquals("MESSAGE.note", e.path());
  }
}
