package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.illbridge.rest.WebhookSignature;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

  @Test
  void matchesThePublishedHmacSha256TestVector() {
    // RFC 4231, test case 2: key "Jefe".
    assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.sign("Jefe", BODY));
  }

  @Test
  void verifiesItsOwnSignatureAndRejectsTampering() {
    String sig = WebhookSignature.sign("s3cret", BODY);
    assertTrue(WebhookSignature.verify("s3cret", BODY, sig));
    assertTrue(WebhookSignature.verify("s3cret", BODY, sig.toUpperCase().replace("SHA256=", "sha256=")));
    assertFalse(WebhookSignature.verify("other", BODY, sig));
    assertFalse(WebhookSignature.verify("s3cret", "what do ya want for nothing!".getBytes(StandardCharsets.US_ASCII), sig));
    assertFalse(WebhookSignature.verify("s3cret", BODY, sig.substring(0, sig.length() - 2)));
    assertFalse(WebhookSignature.verify("s3cret", BODY, null));
    assertFalse(WebhookSignature.verify("s3cret", BODY, "sha1=abc"));
    assertFalse(WebhookSignature.verify("s3cret", BODY, "sha256=not-hex"));
  }

  @Test
  void emptySecretIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign("", BODY));
  }
}
