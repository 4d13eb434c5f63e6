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
}
