package org.illbridge.api.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundAuthTest {

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void addressesAndRangesOfBothFamilies() throws Exception {
    InboundAuth a = new InboundAuth(List.of("10.0.0.0/8", " 192.0.2.7 ", "2001:db8::/32"), null, null, null);
    assertTrue(a.allowsSource(ip("10.200.1.1")));
    assertTrue(a.allowsSource(ip("192.0.2.7")));
    assertFalse(a.allowsSource(ip("192.0.2.8")));
    assertFalse(a.allowsSource(ip("11.0.0.1")));
    assertTrue(a.allowsSource(ip("2001:db8:1::5")));
    assertFalse(a.allowsSource(ip("2001:db9::5")));
    assertFalse(a.allowsSource(null));
    assertTrue(new InboundAuth(List.of("0.0.0.0/0"), null, null, null).allowsSource(ip("203.0.113.1")));
  }

  @Test
  void entriesThatAreNotLiteralsNeverMatch() throws Exception {
    InboundAuth a = new InboundAuth(List.of("localhost", "127.0.0.1/99", "127.0.0.1/x", "127.0.0.1/8/8"), null, null, null);
    assertFalse(a.allowsSource(ip("127.0.0.1")));
    assertFalse(InboundAuth.NONE.allowsSource(ip("127.0.0.1")), "an empty list allows nothing by itself");
  }
}
