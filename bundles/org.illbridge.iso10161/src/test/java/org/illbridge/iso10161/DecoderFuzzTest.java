package org.illbridge.iso10161;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test of the decoder: whatever the bytes, the result is an APDU or an {@link
 * IllCodecException}, never another exception, an OOM or a hang. In the normal build Jazzer runs
 * the seed corpus (the golden vectors, in src/test/resources/.../DecoderFuzzTestInputs/decode) in
 * regression mode; to fuzz, run {@code JAZZER_FUZZ=1 mvn -f
 * bundles/org.illbridge.iso10161/pom.xml test -Dtest=DecoderFuzzTest}.
 */
class DecoderFuzzTest {
  private static final BerCodec CODEC = new BerCodec(64 * 1024);

  @FuzzTest(maxDuration = "60s")
  void decode(byte[] data) throws IllCodecException {
    IllApdu apdu;
    try {
      apdu = CODEC.decode(data);
    } catch (IllCodecException expected) {
      return;
    }
    // whatever decodes must encode, and decode back to the same value
    IllApdu again = CODEC.decode(CODEC.encode(apdu));
    if (!again.equals(apdu)) {
      throw new AssertionError("round trip changed " + apdu.type());
    }
  }

  /**
   * The neutral mapping on whatever decodes: APDU → IllMessage → APDU gives the same APDU, or an
   * {@link IllCodecException} (e.g. a Message without note has no neutral form to send back).
   * Covers the attributes read from and laid back over the template (delivery info, search type,
   * delivery address, ...). Seeds: the golden vectors, in .../DecoderFuzzTestInputs/neutral.
   */
  @FuzzTest(maxDuration = "60s")
  void neutral(byte[] data) throws IllCodecException {
    IllApdu apdu;
    try {
      apdu = CODEC.decode(data);
    } catch (IllCodecException expected) {
      return;
    }
    if (edifactClientId(apdu)) {
      return; // known, documented loss: patron data has no string form in the neutral Patron
    }
    IllApdu again;
    try {
      org.illbridge.api.model.IllMessage m =
          org.illbridge.iso10161.internal.NeutralMapper.toNeutral(apdu, null);
      again = CODEC.decode(CODEC.encode(
          org.illbridge.iso10161.internal.NeutralMapper.fromNeutral(m, null)));
    } catch (IllCodecException expected) {
      return;
    }
    if (!again.equals(apdu)) {
      throw new AssertionError("neutral round trip changed " + apdu.type() + ":\n" + apdu
          + "\n" + again);
    }
  }

  private static boolean edifactClientId(IllApdu apdu) {
    ClientId c = apdu instanceof IllRequest r ? r.clientId()
        : apdu instanceof Shipped s ? s.clientId() : null;
    return c != null && java.util.stream.Stream.of(c.name(), c.status(), c.identifier())
        .anyMatch(x -> x != null && x.form() == IllString.Form.EDIFACT);
  }
}
