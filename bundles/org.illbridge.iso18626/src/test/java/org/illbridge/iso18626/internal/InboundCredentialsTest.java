package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InboundCredentialsTest {

  final InboundCredentials credentials = new InboundCredentials();

  @Test
  void sha256HexInEitherCase() {
    String hex = DirectoryAuthenticationTest.sha256Hex("s3cret");
    assertTrue(credentials.verify("s3cret", hex));
    assertTrue(credentials.verify("s3cret", hex.toUpperCase()));
    assertFalse(credentials.verify("s3cret ", hex));
    assertFalse(credentials.verify("", hex));
    assertFalse(credentials.verify(null, hex));
  }

  @Test
  void pbkdf2AsTheConsoleWritesIt() throws Exception {
    String stored = DirectoryAuthenticationTest.pbkdf2("correct horse", 2000);
    assertTrue(InboundCredentials.isHash(stored));
    assertTrue(credentials.verify("correct horse", stored));
    assertFalse(credentials.verify("correct horsE", stored));
    assertTrue(credentials.verify("correct horse", stored), "cached verdicts stay per secret");
    assertFalse(credentials.verify("correct horsE", stored));
  }

  @Test
  void whatIsNotAHashNeverMatches() {
    for (String stored : new String[] {"s3cret", "", "pbkdf2-sha256$abc$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
        "pbkdf2-md5$1000$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "pbkdf2-sha256$99999999999$AAAAAAAAAAA$AAAA",
        "pbkdf2-sha256$1000$***$AAAAAAAAAAAAAAAAAAAAAA"}) {
      assertFalse(InboundCredentials.isHash(stored), stored);
      assertFalse(credentials.verify("s3cret", stored), stored);
    }
  }
}
