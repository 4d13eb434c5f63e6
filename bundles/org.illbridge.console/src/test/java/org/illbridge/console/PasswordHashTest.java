package org.illbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void hashHasTheSelfDescribingFormat() {
    String stored = PasswordHash.hash("correct horse".toCharArray());
    String[] fields = stored.split("\\$");
    assertEquals(4, fields.length, stored);
    assertEquals("pbkdf2-sha256", fields[0]);
    assertEquals("310000", fields[1]);
    assertEquals(16, Base64.getDecoder().decode(fields[2]).length);
    assertEquals(32, Base64.getDecoder().decode(fields[3]).length);
    assertFalse(stored.contains("correct horse"));
  }

  @Test
  void verifyAcceptsTheRightPasswordOnly() {
    String stored = PasswordHash.hash("s3cret-Pässwörd".toCharArray());
    assertTrue(PasswordHash.verify("s3cret-Pässwörd".toCharArray(), stored));
    assertFalse(PasswordHash.verify("s3cret-Passwort".toCharArray(), stored));
    assertFalse(PasswordHash.verify("admin".toCharArray(), stored));
    assertFalse(PasswordHash.verify(new char[0], stored));
    assertFalse(PasswordHash.verify(null, stored));
  }

  @Test
  void eachHashGetsItsOwnSalt() {
    String first = PasswordHash.hash("same".toCharArray());
    String second = PasswordHash.hash("same".toCharArray());
    assertNotEquals(first, second);
    assertTrue(PasswordHash.verify("same".toCharArray(), first));
    assertTrue(PasswordHash.verify("same".toCharArray(), second));
  }

  /** Standard PBKDF2-HMAC-SHA256, so hashes made by other tools verify too. */
  @Test
  void matchesThePublishedPbkdf2Sha256TestVector() {
    byte[] salt = "saltSALTsaltSALTsaltSALTsaltSALTsalt".getBytes(StandardCharsets.US_ASCII);
    byte[] expected = HexFormat.of()
        .parseHex("348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
    String stored = "pbkdf2-sha256$4096$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(expected);
    assertTrue(PasswordHash.verify("passwordPASSWORDpassword".toCharArray(), stored));
    assertFalse(PasswordHash.verify("passwordPASSWORDpassworD".toCharArray(), stored));
  }

  @Test
  void malformedStoredValuesNeverMatchAndNeverThrow() {
    String good = PasswordHash.hash("pw".toCharArray());
    String[] fields = good.split("\\$");
    String[] bad = {
      null,
      "",
      "admin",
      "{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=",
      "pbkdf2-sha1$310000$" + fields[2] + "$" + fields[3],
      "pbkdf2-sha256$abc$" + fields[2] + "$" + fields[3],
      "pbkdf2-sha256$0$" + fields[2] + "$" + fields[3],
      "pbkdf2-sha256$2000000000$" + fields[2] + "$" + fields[3],
      "pbkdf2-sha256$310000$***$" + fields[3],
      "pbkdf2-sha256$310000$" + fields[2],
      "pbkdf2-sha256$310000$" + fields[2] + "$" + fields[3] + "$extra",
    };
    for (String stored : bad) {
      assertFalse(PasswordHash.verify("pw".toCharArray(), stored), String.valueOf(stored));
      assertFalse(PasswordHash.isWellFormed(stored), String.valueOf(stored));
    }
    assertTrue(PasswordHash.isWellFormed(good));
    assertTrue(PasswordHash.isWellFormed("  " + good + "\n"));
  }

  @Test
  void refusesToHashAnEmptyPassword() {
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.hash(new char[0]));
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.hash(null));
  }

  @Test
  void leavesTheCallersPasswordArrayIntact() {
    char[] password = "keep-me".toCharArray();
    String stored = PasswordHash.hash(password);
    assertEquals("keep-me", new String(password));
    assertTrue(PasswordHash.verify(password, stored));
    assertEquals("keep-me", new String(password));
  }
}
