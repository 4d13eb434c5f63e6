package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.Samples;
import org.junit.jupiter.api.Test;

/**
 * The hand-written codec against the BouncyCastle one it replaced ({@link LegacyBcDecoder},
 * {@link LegacyBcEncoder}, kept in the tests as the reference): on the golden vectors, every
 * sample APDU and many mutations of them, both decoders accept the same inputs with equal
 * results and refuse the same inputs, and both encoders write the same bytes. (The kind of error
 * may differ when an input has several faults: BouncyCastle checked every primitive while
 * parsing, the new decoder checks each where it reads it.)
 */
class BcEquivalenceTest {
  private static final int MAX = 1 << 20;
  private static final String[] GOLDEN = {"yaz-answer-conditional.ber", "yaz-answer-retry.ber",
      "yaz-answer-unfilled.ber", "yaz-answer-will-supply.ber", "yaz-cancel-reply.ber",
      "yaz-cancel.ber", "yaz-checked-in.ber", "yaz-damaged.ber",
      "yaz-illclient-request-full.ber", "yaz-illclient-request-oclc.ber", "yaz-message.ber",
      "yaz-overdue.ber", "yaz-received.ber", "yaz-renew-answer.ber", "yaz-renew.ber",
      "yaz-returned.ber", "yaz-shipped.ber", "yaz-status-or-error-report.ber",
      "yaz-status-report.ber"};

  private static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (String g : GOLDEN) {
      seeds.add(GoldenVectorTestAccess.golden(g));
    }
    for (IllApdu a : Samples.allApdus()) {
      seeds.add(LegacyBcEncoder.encode(a));
    }
    return seeds;
  }

  @Test
  void seedsDecodeAndEncodeAlike() throws Exception {
    for (byte[] s : seeds()) {
      IllApdu a = ApduDecoder.decode(s, MAX);
      assertEquals(LegacyBcDecoder.decode(s, MAX), a);
      assertArrayEquals(LegacyBcEncoder.encode(a), ApduEncoder.encode(a));
    }
  }

  @Test
  void mutationsAreJudgedAlike() throws Exception {
    Random rnd = new Random(7);
    int accepted = 0;
    for (byte[] seed : seeds()) {
      for (int round = 0; round < 600; round++) {
        byte[] m = mutate(seed, rnd);
        if (compare(m)) {
          accepted++;
        }
      }
    }
    assertTrue(accepted > 100, "too few mutations decode: " + accepted);
  }

  private static byte[] mutate(byte[] seed, Random rnd) {
    byte[] m = seed.clone();
    int flips = 1 + rnd.nextInt(3);
    for (int k = 0; k < flips; k++) {
      int i = rnd.nextInt(m.length);
      switch (rnd.nextInt(4)) {
        case 0 -> m[i] = (byte) rnd.nextInt(256);
        case 1 -> m[i] ^= (byte) (1 << rnd.nextInt(8));
        case 2 -> m[i] = (byte) (m[i] + (rnd.nextBoolean() ? 1 : -1));
        default -> m[i] = new byte[] {0, (byte) 0x80, 0x1f, (byte) 0x9f, (byte) 0xbf, 0x30,
            0x1a, 0x1b, 0x0a, 0x02, 0x01, 0x05, (byte) 0xff}[rnd.nextInt(13)];
      }
    }
    return m;
  }

  /** Returns whether the input decoded. */
  private static boolean compare(byte[] m) throws Exception {
    IllApdu expected = null;
    IllCodecException expectedError = null;
    try {
      expected = LegacyBcDecoder.decode(m, MAX);
    } catch (IllCodecException e) {
      expectedError = e;
    }
    IllApdu actual = null;
    IllCodecException actualError = null;
    try {
      actual = ApduDecoder.decode(m, MAX);
    } catch (IllCodecException e) {
      actualError = e;
    }
    String hex = HexFormat.of().formatHex(m);
    IllCodecException oldError = expectedError;
    IllCodecException newError = actualError;
    if (oldError != null || newError != null) {
      assertNotNull(oldError, () -> "only the new decoder refuses " + hex + ": "
          + newError.getMessage());
      assertNotNull(newError, () -> "only the old decoder refuses " + hex + ": "
          + oldError.getMessage());
      if (oldError.kind() != newError.kind() && System.getenv("BER_DIFF") != null) {
        System.out.println("KIND " + hex + "\n  old: " + oldError.getMessage() + "\n  new: "
            + newError.getMessage());
      }
      return false;
    }
    assertEquals(expected, actual, hex);
    assertArrayEquals(LegacyBcEncoder.encode(actual), ApduEncoder.encode(actual), hex);
    return true;
  }
}
