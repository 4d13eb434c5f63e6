package org.illbridge.iso10161;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.illbridge.api.codec.CodecException.Kind;
import org.junit.jupiter.api.Test;

/** Bad input only ever gives an IllCodecException with a clear kind: no other exception, no OOM. */
class HostileInputTest {
  private final BerCodec codec = new BerCodec();

  private IllCodecException reject(byte[] bytes) {
    return assertThrows(IllCodecException.class, () -> codec.decode(bytes));
  }

  @Test
  void emptyNullAndGarbage() {
    assertEquals(Kind.MALFORMED, reject(new byte[0]).kind());
    assertEquals(Kind.MALFORMED, reject(null).kind());
    reject("GET / HTTP/1.1\r\n\r\n".getBytes());
  }

  @Test
  void lengthBombIsRefusedFromTheHeader() {
    // [APPLICATION 1] with a 4-byte length of 2 GB and 3 bytes of content
    IllCodecException e = reject(new byte[] {0x61, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x30, 0x00, 0x00});
    assertEquals(Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    assertEquals(Kind.MALFORMED, reject(new byte[] {0x61, (byte) 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9})
        .kind());
  }

  @Test
  void deepNestingIsRefusedWithoutStackOverflow() {
    byte[] deep = new byte[200_000];
    for (int i = 0; i < deep.length; i += 2) {
      deep[i] = 0x30;
      deep[i + 1] = (byte) 0x80;
    }
    assertTrue(reject(deep).getMessage().contains("nested"));
  }

  @Test
  void oversizeIsRefused() {
    BerCodec small = new BerCodec(64);
    byte[] big = new byte[100];
    assertThrows(IllCodecException.class, () -> small.decode(big));
  }

  @Test
  void wrongTagsAndTrailingBytes() throws Exception {
    assertEquals(Kind.UNSUPPORTED_TYPE, reject(new byte[] {0x30, 0x00}).kind());
    assertEquals(Kind.UNSUPPORTED_TYPE, reject(new byte[] {0x7f, 0x30, 0x02, 0x30, 0x00}).kind());
    byte[] good = codec.encode(new Cancel(Samples.header(), null, null));
    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    assertTrue(reject(trailing).getMessage().contains("after the end"));
  }

  @Test
  void unknownEnumValueIsUnrecognisedDataValue() throws Exception {
    byte[] ber = codec.encode(new CheckedIn(Samples.header(), "20240101", null, null));
    // protocol-version-num is the first INTEGER (tag 0x80 len 1 value 2): change to 9
    for (int i = 0; i < ber.length - 2; i++) {
      if (ber[i] == (byte) 0x80 && ber[i + 1] == 1 && ber[i + 2] == 2) {
        ber[i + 2] = 9;
        break;
      }
    }
    assertEquals(Kind.UNSUPPORTED_TYPE, reject(ber).kind());
  }

  @Test
  void everyTruncationOfEveryGoldenVectorIsRefused() throws Exception {
    for (String name : new String[] {"yaz-illclient-request-full.ber", "yaz-shipped.ber",
        "yaz-status-report.ber", "yaz-illclient-request-oclc.ber"}) {
      byte[] ber = GoldenVectorTest.golden(name);
      for (int n = 0; n < ber.length; n++) {
        byte[] cut = Arrays.copyOf(ber, n);
        assertThrows(IllCodecException.class, () -> codec.decode(cut), name + " cut at " + n);
      }
    }
  }

  @Test
  void randomMutationsOnlyGiveCodecExceptions() throws Exception {
    Random rnd = new Random(42);
    byte[] seed = GoldenVectorTest.golden("yaz-illclient-request-full.ber");
    for (int round = 0; round < 20_000; round++) {
      byte[] m = seed.clone();
      int flips = 1 + rnd.nextInt(4);
      for (int k = 0; k < flips; k++) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      try {
        IllApdu apdu = codec.decode(m);
        // whatever decodes must also encode and decode back to the same value
        assertEquals(apdu, codec.decode(codec.encode(apdu)));
      } catch (IllCodecException expected) {
        assertNotNull(expected.kind());
      }
    }
  }
}
