package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
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

  @Test
  void addressesAndRanges() throws Exception {
    List<String> sources = List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "example.org", "10.0.0.0/99");
    assertTrue(InboundCredentials.allowed(InetAddress.getByName("10.200.1.1"), sources));
    assertTrue(InboundCredentials.allowed(InetAddress.getByName("192.0.2.7"), sources));
    assertFalse(InboundCredentials.allowed(InetAddress.getByName("192.0.2.8"), sources));
    assertTrue(InboundCredentials.allowed(InetAddress.getByName("2001:db8:1::5"), sources));
    assertFalse(InboundCredentials.allowed(InetAddress.getByName("2001:db9::5"), sources));
    assertFalse(InboundCredentials.allowed(null, sources));
    assertTrue(InboundCredentials.allowed(InetAddress.getByName("203.0.113.1"), List.of("0.0.0.0/0")));
  }
}
