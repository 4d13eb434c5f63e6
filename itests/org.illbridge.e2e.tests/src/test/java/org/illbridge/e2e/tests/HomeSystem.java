package org.illbridge.e2e.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test plays the home ILL system: it receives the bridge's webhooks on loopback and checks
 * their HMAC signature (the same rule the REST bundle documents: HMAC-SHA256 of the body).
 */
final class HomeSystem implements AutoCloseable {
  static final String AGENCY = "ISIL:CA-E2E-HOME";

  record Webhook(JsonNode body, boolean signatureOk) {}

  private final HttpServer server;
  final List<Webhook> received = new CopyOnWriteArrayList<>();

  HomeSystem() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/webhook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      String sig = ex.getRequestHeaders().getFirst("X-IllBridge-Signature");
      try {
        received.add(new Webhook(Bridge.JSON.readTree(body), signatureOk(sig, body)));
        ex.sendResponseHeaders(204, -1);
      } catch (IOException e) {
        ex.sendResponseHeaders(400, -1);
      }
      ex.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "home-webhooks");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Webhooks about a transaction (by the home system's request id or the bridge key). */
  List<JsonNode> about(String requestId, String key, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (Webhook w : received) {
      JsonNode b = w.body();
      boolean mine = requestId != null && requestId.equals(b.path("requesterTransactionId").asText())
          || key != null && key.equals(b.path("supplierTransactionId").asText());
      if (mine && (type == null || type.equals(b.path("type").asText()))) {
        out.add(b);
      }
    }
    return out;
  }

  boolean allSigned() {
    return received.stream().allMatch(Webhook::signatureOk);
  }

  private static boolean signatureOk(String header, byte[] body) {
    if (header == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Bridge.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String hex = java.util.HexFormat.of().formatHex(mac.doFinal(body));
      return header.toLowerCase().contains(hex);
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
