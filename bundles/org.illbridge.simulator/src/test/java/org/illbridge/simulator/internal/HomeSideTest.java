package org.illbridge.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The home system's webhook receiver and REST client over loopback. */
@Timeout(30)
class HomeSideTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private int post(String url, byte[] body, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      b.header(WebhookReceiver.SIGNATURE_HEADER, signature);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void webhookReceiverRecordsSignedCallsAndRefusesBadSignatures() throws Exception {
    try (WebhookReceiver r = new WebhookReceiver(null, 0, "/hook", "s3cret", null)) {
      r.start();
      byte[] body = "{\"type\":\"SHIPPED\"}".getBytes(StandardCharsets.UTF_8);
      String good = "sha256=" + HexFormat.of().formatHex(WebhookReceiver.sign("s3cret", body));
      assertEquals(204, post(r.url(), body, good));
      assertEquals(401, post(r.url(), body, "sha256=00"));
      assertEquals(401, post(r.url(), body, null));
      WebhookReceiver.Delivery d = r.await(WebhookReceiver.Delivery::signatureValid,
          Duration.ofSeconds(2));
      assertNotNull(d);
      assertEquals("{\"type\":\"SHIPPED\"}", d.text());
      assertEquals(3, r.deliveries().size());
      assertEquals(1, r.deliveries().stream().filter(WebhookReceiver.Delivery::signatureValid)
          .count());
    }
  }

  @Test
  void signatureMatchesTheBridgesDocumentedFormat() {
    // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), RFC 4231-style vector
    byte[] body = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    assertTrue(WebhookReceiver.verify("key", body,
        "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"));
    assertFalse(WebhookReceiver.verify("key", body, "sha1=f7bc"));
    assertFalse(WebhookReceiver.verify("key", body, "sha256=zz"));
  }

  @Test
  void restClientCreatesARequestAndActsOnTheTransaction() throws Exception {
    LinkedBlockingQueue<String[]> seen = new LinkedBlockingQueue<>();
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    api.createContext("/api/v1", ex -> {
      try {
        seen.add(new String[] {ex.getRequestMethod(), ex.getRequestURI().getPath(),
            ex.getRequestHeaders().getFirst("X-API-Key"),
            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
        byte[] reply = "{\"key\":\"IB0123456789\"}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(ex.getRequestURI().getPath().endsWith("/requests") ? 201 : 200,
            reply.length);
        ex.getResponseBody().write(reply);
      } finally {
        ex.close();
      }
    });
    api.start();
    try {
      HomeRestClient rest = new HomeRestClient(URI.create("http://127.0.0.1:"
          + api.getAddress().getPort() + "/api/v1/"), "k-1", Duration.ofSeconds(2));
      HomeRestClient.Answer a = rest.createRequest(new HomeRestClient.NewRequest("H-1",
          "ISIL:CA-X", "Hamlet", "Shakespeare", null, "WorldCat", List.of("vdx", "oclc")));
      assertTrue(a.ok());
      assertEquals("IB0123456789", HomeRestClient.transactionKey(a));
      String[] create = seen.poll(2, TimeUnit.SECONDS);
      assertEquals("POST", create[0]);
      assertEquals("/api/v1/requests", create[1]);
      assertEquals("k-1", create[2]);
      JsonNode body = new ObjectMapper().readTree(create[3]);
      assertEquals("H-1", body.get("requestId").asText());
      assertEquals("LOAN", body.get("serviceType").asText());
      assertEquals("Hamlet", body.get("item").get("title").asText());
      assertEquals("oclc", body.get("lenders").get(1).asText());

      assertTrue(rest.action("IB0123456789", "received").ok());
      assertEquals("/api/v1/transactions/IB0123456789/actions/received",
          seen.poll(2, TimeUnit.SECONDS)[1]);
    } finally {
      api.stop(0);
    }
  }
}
