package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.Cancel;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.Samples;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of the hand-written BER reader ({@link BerTree}) and writer ({@link DerWriter}):
 * what it must refuse, what it must accept, and the DER it writes for long lengths and high tag
 * numbers (compared with BouncyCastle's).
 */
class BerReaderEdgeCaseTest {
  private static final int MAX = 1 << 20;
  private static final HexFormat HEX = HexFormat.of();

  private static IllCodecException reject(String hex) {
    return reject(HEX.parseHex(hex.replace(" ", "")));
  }

  private static IllCodecException reject(byte[] ber) {
    return assertThrows(IllCodecException.class, () -> ApduDecoder.decode(ber, MAX),
        () -> HEX.formatHex(ber));
  }

  private static void malformed(String hex, String words) {
    IllCodecException e = reject(hex);
    assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  // ---------------------------------------------------------------- framing

  @Test
  void lengthBeyondTheBufferIsTruncation() {
    malformed("61 05 30 03 80 01", "truncated");
    malformed("61 03 30 01", "truncated");
    // a long-form length pointing far past the end, below the size limit
    malformed("61 82 01 00 30 00", "truncated");
  }

  @Test
  void indefiniteLengthOnAPrimitiveIsRefused() {
    malformed("61 80 30 80 80 80 02 00 00 00 00 00 00", "indefinite length on a primitive");
  }

  @Test
  void tagNumbersTooLongOrNotMinimalAreRefused() {
    malformed("7f ff ff ff ff 7f 00", "tag number");
    // [5] written in the high-tag form, and a high tag number with a leading 0x80 octet
    malformed("61 05 30 03 9f 05 00", "high tag number < 31");
    malformed("61 06 30 04 9f 80 31 00", "not minimally encoded");
  }

  @Test
  void nestingIsLimitedTo48Levels() {
    // 48 levels are structurally fine (then refused as not an APDU); 49 are not
    assertEquals(Kind.UNSUPPORTED_TYPE, reject(nested(BerFramer.MAX_DEPTH)).kind());
    IllCodecException e = reject(nested(BerFramer.MAX_DEPTH + 1));
    assertEquals(Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().contains("nested deeper than 48"), e.getMessage());
  }

  private static byte[] nested(int depth) {
    byte[] b = new byte[depth * 4];
    for (int i = 0; i < depth; i++) {
      b[2 * i] = 0x30;
      b[2 * i + 1] = (byte) 0x80;
    }
    return b;
  }

  @Test
  void trailingBytesAreRefused() throws Exception {
    byte[] good = ApduEncoder.encode(cancel("A"));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertTrue(reject(trailing).getMessage().contains("1 bytes after the end"));
    byte[] indefinite = indefinite(good);
    byte[] more = Arrays.copyOf(indefinite, indefinite.length + 3);
    assertTrue(reject(more).getMessage().contains("3 bytes after the end"));
  }

  @Test
  void valuesRunningPastTheirParentOrStrayEndOfContentsAreRefused() {
    malformed("61 07 30 03 80 03 02 01 01", "runs past its enclosing value");
    malformed("61 04 30 02 00 00", "end-of-contents");
    // an indefinite SEQUENCE inside a definite parent whose end-of-contents lies beyond it
    malformed("61 06 30 80 80 01 02 00 00", "truncated");
  }

  // ---------------------------------------------------------------- values

  @Test
  void malformedPrimitivesAreRefused() throws Exception {
    byte[] ber = indefinite(ApduEncoder.encode(cancel("A")));
    // protocol-version-num: not minimal, then empty
    assertMalformed(splice(ber, "800102", "80020002"));
    assertMalformed(splice(ber, "800102", "8000"));
    // the note: constructed GeneralString, two values in one EXPLICIT tag, OCTET STRING
    assertMalformed(splice(ber, "1b0141", "3b801b01410000"));
    assertMalformed(splice(ber, "1b0141", "1b01411b0141"));
    assertMalformed(splice(ber, "1b0141", "040141"));
    // a stray universal BOOLEAN of two octets and a NULL with contents, wherever they stand
    assertMalformed(splice(ber, "1b0141", "0102ffff"));
    assertMalformed(splice(ber, "1b0141", "050141"));
  }

  private static void assertMalformed(byte[] ber) {
    IllCodecException e = reject(ber);
    assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
  }

  @Test
  void indefiniteLengthsEverywhereDecodeLikeDer() throws Exception {
    for (IllApdu a : Samples.allApdus()) {
      byte[] der = ApduEncoder.encode(a);
      byte[] ber = indefinite(der);
      assertNotEquals(der.length, ber.length);
      assertEquals(a, ApduDecoder.decode(ber, MAX), a.type().name());
      assertArrayEquals(der, ApduEncoder.encode(ApduDecoder.decode(ber, MAX)));
    }
  }

  @Test
  void generalStringIsUtf8WhenValidElseLatin1() throws Exception {
    byte[] utf8 = ApduEncoder.encode(cancel("Zoë – ok"));
    assertEquals("Zoë – ok", ((Cancel) ApduDecoder.decode(utf8, MAX)).requesterNote().value());
    // "Zo" + 0xEB + "!" is not UTF-8: read as Latin-1
    byte[] latin1 = splice(indefinite(ApduEncoder.encode(cancel("Zo!!"))), "1b045a6f2121",
        "1b045a6feb21");
    assertEquals("Zoë!", ((Cancel) ApduDecoder.decode(latin1, MAX)).requesterNote().value());
  }

  // ---------------------------------------------------------------- writer

  @Test
  void longLengthsAndHighTagsAreWrittenAsBouncyCastleDoes() throws Exception {
    for (int len : new int[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 70_000}) {
      for (int tag : new int[] {0, 30, 31, 46, 127, 128, 16_383, 16_384}) {
        String text = "x".repeat(len);
        DerWriter w = new DerWriter(8);
        int seq = w.openSequence();
        int outer = w.open(tag);
        w.utf8(DerWriter.UNIVERSAL, 27, text);
        w.close(outer);
        w.utf8(DerWriter.UNIVERSAL, 27, "after");
        w.close(seq);
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new DERTaggedObject(true, tag, new DERGeneralString(text)));
        v.add(new DERGeneralString("after"));
        assertArrayEquals(new DERSequence(v).getEncoded(ASN1Encoding.DER), w.toByteArray(),
            "length " + len + ", tag " + tag);
      }
    }
  }

  @Test
  void integersUseTheFewestOctets() throws Exception {
    for (long v : new long[] {0, 1, 127, 128, 255, 256, -1, -128, -129, 32_767, 32_768,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
      DerWriter w = new DerWriter(2);
      w.integer(DerWriter.UNIVERSAL, 2, v);
      assertArrayEquals(new org.bouncycastle.asn1.ASN1Integer(v).getEncoded(), w.toByteArray(),
          Long.toString(v));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Cancel cancel(String note) {
    return new Cancel(Samples.header(), IllString.of(note), null);
  }

  /** Replaces the first occurrence of one hex pattern. */
  private static byte[] splice(byte[] ber, String from, String to) {
    String hex = HEX.formatHex(ber);
    int at = hex.indexOf(from);
    while (at >= 0 && at % 2 != 0) {
      at = hex.indexOf(from, at + 1);
    }
    assertTrue(at >= 0, from + " not in " + hex);
    return HEX.parseHex(hex.substring(0, at) + to + hex.substring(at + from.length()));
  }

  /** The same value with every constructed length indefinite (as YAZ writes). */
  static byte[] indefinite(byte[] der) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy(der, 0, der.length, out);
    return out.toByteArray();
  }

  private static void copy(byte[] b, int p, int end, ByteArrayOutputStream out) {
    while (p < end) {
      int start = p;
      int first = b[p++] & 0xff;
      if ((first & 0x1f) == 0x1f) {
        while ((b[p++] & 0x80) != 0) {
          // tag number octets
        }
      }
      int tagEnd = p;
      int len = b[p++] & 0xff;
      if (len > 0x80) {
        int k = len & 0x7f;
        len = 0;
        for (int i = 0; i < k; i++) {
          len = (len << 8) | (b[p++] & 0xff);
        }
      }
      if ((first & 0x20) != 0) {
        out.write(b, start, tagEnd - start);
        out.write(0x80);
        copy(b, p, p + len, out);
        out.write(0);
        out.write(0);
      } else {
        out.write(b, start, p + len - start);
      }
      p += len;
    }
  }
}
