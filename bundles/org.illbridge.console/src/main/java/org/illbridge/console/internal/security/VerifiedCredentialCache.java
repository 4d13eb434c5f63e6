package org.illbridge.console.internal.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a few minutes, credentials that PBKDF2 has just accepted, so that a script
 * sending HTTP Basic on every request (curl uploads, integration tests) pays the deliberately slow
 * hash once instead of on each call. Only a keyed HMAC of user, password and stored hash is kept,
 * under a random key that never leaves memory; changing the password changes the stored hash and
 * so misses the cache. Failed attempts are never cached.
 */
final class VerifiedCredentialCache {

  static final Duration TTL = Duration.ofMinutes(5);
  private static final int MAX_ENTRIES = 64;

  private final Clock clock;
  private final SecretKeySpec key;
  private final ConcurrentMap<String, Instant> expiryByFingerprint = new ConcurrentHashMap<>();

  VerifiedCredentialCache(Clock clock) {
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  boolean contains(String user, char[] password, String storedHash) {
    String fingerprint = fingerprint(user, password, storedHash);
    Instant expiry = expiryByFingerprint.get(fingerprint);
    if (expiry == null) {
      return false;
    }
    if (!clock.instant().isBefore(expiry)) {
      expiryByFingerprint.remove(fingerprint, expiry);
      return false;
    }
    return true;
  }

  void remember(String user, char[] password, String storedHash) {
    Instant now = clock.instant();
    if (expiryByFingerprint.size() >= MAX_ENTRIES) {
      expiryByFingerprint.values().removeIf(expiry -> !now.isBefore(expiry));
      if (expiryByFingerprint.size() >= MAX_ENTRIES) {
        expiryByFingerprint.clear();
      }
    }
    expiryByFingerprint.put(fingerprint(user, password, storedHash), now.plus(TTL));
  }

  void clear() {
    expiryByFingerprint.clear();
  }

  private String fingerprint(String user, char[] password, String storedHash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      ByteBuffer passwordBytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
      byte[] copy = new byte[passwordBytes.remaining()];
      passwordBytes.get(copy);
      mac.update(copy);
      Arrays.fill(copy, (byte) 0);
      Arrays.fill(passwordBytes.array(), (byte) 0);
      mac.update((byte) 0);
      mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
    }
  }
}
