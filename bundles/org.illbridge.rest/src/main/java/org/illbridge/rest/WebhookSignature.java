package org.illbridge.rest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature the bridge puts on every webhook POST to the home system: header {@value
 * #SIGNATURE_HEADER} = {@code sha256=<lower-case hex HMAC-SHA256 of the exact body bytes, keyed
 * with the shared secret's UTF-8 bytes>}. The home system recomputes it over the raw body it
 * received and compares in constant time ({@link #verify}).
 */
public final class WebhookSignature {

  /** Header carrying the signature. */
  public static final String SIGNATURE_HEADER = "X-IllBridge-Signature";
  /** Header carrying when the bridge sent this attempt (ISO-8601 instant); informational. */
  public static final String TIMESTAMP_HEADER = "X-IllBridge-Timestamp";
  /** Prefix of the signature value, naming the hash. */
  public static final String PREFIX = "sha256=";

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The header value for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /**
   * True when {@code headerValue} is the signature of {@code body} with {@code secret}. Compares
   * the MACs in constant time; a missing or malformed header is false, never an exception.
   */
  public static boolean verify(String secret, byte[] body, String headerValue) {
    if (headerValue == null || !headerValue.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(headerValue.substring(PREFIX.length()).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), given);
  }

  private static byte[] hmac(String secret, byte[] body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
