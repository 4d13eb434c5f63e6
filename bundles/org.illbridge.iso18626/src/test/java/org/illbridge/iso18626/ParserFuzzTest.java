package org.illbridge.iso18626;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test of the reader: whatever the bytes, the result is a document or an {@link
 * Iso18626CodecException}, never another exception. In the normal build Jazzer runs the seed
 * corpus (src/test/resources/.../ParserFuzzTestInputs/parse) in regression mode; to fuzz, run
 * {@code JAZZER_FUZZ=1 mvn -f bundles/org.illbridge.iso18626/pom.xml test -Dtest=ParserFuzzTest}.
 */
class ParserFuzzTest {

  private static final Iso18626Codec STRICT = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true));
  private static final Iso18626Codec LENIENT = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults().withMaxBytes(64 * 1024));
  /** Lenient and validating: schema violations found in the same pass become warnings, parsing goes on. */
  private static final Iso18626Codec LENIENT_VALIDATING = new Iso18626Codec(
      Iso18626Codec.Options.lenientDefaults().withMaxBytes(64 * 1024).withValidate(true));

  @FuzzTest(maxDuration = "60s")
  void parse(byte[] data) {
    for (Iso18626Codec codec : new Iso18626Codec[] {STRICT, LENIENT, LENIENT_VALIDATING}) {
      try {
        Iso18626Document doc = codec.read(data);
        // Whatever was read must be writable again in its own revision.
        codec.options();
        new Iso18626Codec(Iso18626Codec.Options.lenientDefaults()).write(doc.message(), doc.version());
      } catch (Iso18626CodecException expected) {
        // refused cleanly
      }
    }
  }
}
