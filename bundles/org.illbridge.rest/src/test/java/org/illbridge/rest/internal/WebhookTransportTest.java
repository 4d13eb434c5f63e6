package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.illbridge.rest.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTransportTest {

  private static final String SECRET = "home-shared-secret";
  private final WebhookReceiver receiver = startReceiver();
  private final WebhookTransport transport = new WebhookTransport(SECRET, Duration.ofSeconds(5),
      Duration.ofSeconds(5), Clock.fixed(Instant.parse("2025-03-03T09:00:00.5Z"), ZoneOffset.UTC));

  private static WebhookReceiver startReceiver() {
    try {
      return new WebhookReceiver();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void postsTheBodySignedWithHmacSha256() throws Exception {
    byte[] body = "{\"type\":\"SHIPPED\"}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(new byte[0], transport.send(receiver.endpoint(), body));

    assertEquals(1, receiver.received.size());
    WebhookReceiver.Received r = receiver.received.get(0);
    assertEquals("POST", r.method());
    assertArrayEquals(body, r.body());
    assertTrue(r.header("Content-Type").startsWith("application/json"));
    assertEquals("2025-03-03T09:00:00Z", r.header(WebhookSignature.TIMESTAMP_HEADER));
    // Computed here independently of WebhookSignature, as a home system would.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
    assertEquals(expected, r.header(WebhookSignature.SIGNATURE_HEADER));
    assertTrue(WebhookSignature.verify(SECRET, r.body(), r.header(WebhookSignature.SIGNATURE_HEADER)));
  }

  @Test
  void nonSuccessAnswersAreIoExceptionsSoTheOutboxRetries() {
    receiver.status.set(500);
    IOException e = assertThrows(IOException.class, () -> transport.send(receiver.endpoint(), new byte[] {'{', '}'}));
    assertTrue(e.getMessage().contains("answered HTTP 500"), e.getMessage());
  }

  @Test
  void redirectsAreNotFollowed() {
    receiver.status.set(307);
    receiver.location = "http://127.0.0.1:1/elsewhere";
    IOException e = assertThrows(IOException.class, () -> transport.send(receiver.endpoint(), new byte[] {'{', '}'}));
    assertTrue(e.getMessage().contains("HTTP 307"), e.getMessage());
    assertEquals(1, receiver.received.size());
  }

  @Test
  void onlyWebhookSchemes() throws Exception {
    assertThrows(IOException.class, () -> transport.send(URI.create("https://home.example/hook"), new byte[0]));
    assertThrows(IOException.class, () -> transport.send(URI.create("tcp://home.example:499"), new byte[0]));
    assertThrows(IOException.class, () -> WebhookTransport.target(URI.create("webhook+https:///nohost")));
    assertEquals(URI.create("https://home.example:8443/ill/hook?x=1"),
        WebhookTransport.target(URI.create("WEBHOOK+HTTPS://home.example:8443/ill/hook?x=1".replace("WEBHOOK+HTTPS", "webhook+https"))));
  }

  @Test
  void unreachableHomeSystemIsAnIoException() {
    assertThrows(IOException.class,
        () -> transport.send(URI.create("webhook+http://127.0.0.1:1/hook"), new byte[] {'{', '}'}));
  }

  @Test
  void refusesToExistWithoutASecret() {
    assertThrows(IllegalArgumentException.class,
        () -> new WebhookTransport(" ", Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()));
  }
}
