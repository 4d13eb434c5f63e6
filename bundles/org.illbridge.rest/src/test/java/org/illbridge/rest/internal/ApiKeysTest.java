package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void hashOfMatchesTheSha256OfTheKey() {
    // printf '%s' 'abc' | sha256sum  (FIPS 180-2 test vector)
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hashOf("abc"));
  }

  @Test
  void authenticatesConfiguredKeysByLabel() {
    ApiKeys keys = ApiKeys.parse(new String[] {
        "frontdesk:" + ApiKeys.hashOf("key-one"),
        " batch:" + ApiKeys.hashOf("key-two").toUpperCase() + " "});
    assertEquals(2, keys.size());
    assertEquals("frontdesk", keys.authenticate("key-one"));
    assertEquals("batch", keys.authenticate("key-two"));
    assertNull(keys.authenticate("key-three"));
    assertNull(keys.authenticate(""));
    assertNull(keys.authenticate(null));
    assertNull(keys.authenticate(ApiKeys.hashOf("key-one")), "the hash itself is not a key");
  }

  @Test
  void oneStringFromACfgFileMayListSeveralEntries() {
    ApiKeys keys = ApiKeys.parse(new String[] {"a:" + ApiKeys.hashOf("k1") + ", b:" + ApiKeys.hashOf("k2") + " c:" + ApiKeys.hashOf("k3")});
    assertEquals(3, keys.size());
    assertEquals("c", keys.authenticate("k3"));
  }

  @Test
  void malformedEntriesAreSkippedNeverTakenAsPlainKeys() {
    ApiKeys keys = ApiKeys.parse(new String[] {"secret-plain-key", "nolabel", "x:1234", "", null,
        "bad/label:" + ApiKeys.hashOf("k")});
    assertTrue(keys.isEmpty());
    assertNull(keys.authenticate("secret-plain-key"));
    assertTrue(ApiKeys.parse(null).isEmpty());
  }
}
