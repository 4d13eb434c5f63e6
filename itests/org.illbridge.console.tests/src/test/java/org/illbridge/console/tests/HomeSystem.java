package org.illbridge.console.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test plays the home ILL system: it creates requests through the bridge's REST API (API key)
 * and takes the bridge's webhooks on a loopback port (answering 204), so the bridge's deliveries
 * to the home system succeed instead of piling up as dead letters.
 */
final class HomeSystem implements AutoCloseable {
  static final String API_KEY = "console-it-api-key-7c1d93e2a4b5";
  static final String WEBHOOK_SECRET = "console-it-webhook-secret";
  static final String AGENCY = "ISIL:CA-CONSOLE-HOME";
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer webhooks;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final AtomicInteger webhooksReceived = new AtomicInteger();
  private ServerProcess bridge;

  HomeSystem() throws IOException {
    webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhooks.createContext("/webhook", ex -> {
      ex.getRequestBody().readAllBytes();
      webhooksReceived.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    webhooks.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "console-it-webhooks");
      t.setDaemon(true);
      return t;
    }));
    webhooks.start();
  }

  /** The bridge's REST settings and the home system's directory entry (before the server starts). */
  void configure(ServerProcess server) throws IOException {
    this.bridge = server;
    server.conf("org.illbridge.rest.cfg", ".apiKeys=console-it:" + sha256(API_KEY) + "\n.webhookSecret="
        + WEBHOOK_SECRET + "\nhomePartnerKey=home\n");
    server.conf("org.illbridge.partner-home.cfg", "key=home\nname=Home ILL system (test)\nids=" + AGENCY
        + "\nprotocol=REST\nendpoints=webhook+http://127.0.0.1:" + webhooks.getAddress().getPort() + "/webhook\n");
  }

  /** Waits until the REST API answers an authenticated call (engine, store and partners are up). */
  void awaitRest(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      try {
        last = get("/api/v1/transactions?limit=1").statusCode();
        if (last == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("REST API not ready within " + timeout + " (last HTTP " + last + ")");
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(bridge.url(path)).header("X-API-Key", API_KEY)
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POST /api/v1/requests for a loan; returns the bridge key (fails on anything but 201). */
  String createRequest(String requestId, String title, String author, String... lenders) throws Exception {
    var o = JSON.createObjectNode();
    o.put("requestId", requestId);
    o.put("requester", AGENCY);
    o.put("serviceType", "LOAN");
    o.putObject("item").put("title", title).put("author", author).put("verificationSource", "WorldCat");
    var l = o.putArray("lenders");
    for (String s : lenders) {
      l.add(s);
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(bridge.url("/api/v1/requests"))
        .header("X-API-Key", API_KEY).header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(o.toString(), StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new AssertionError("request " + requestId + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("key").asText();
  }

  JsonNode transaction(String key) throws Exception {
    HttpResponse<String> r = get("/api/v1/transactions/" + key);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + key + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Number of messages of the transaction in the bridge's log with this direction, partner and type. */
  int count(String key, String direction, String partner, String type) throws Exception {
    int n = 0;
    for (JsonNode m : transaction(key).path("messages")) {
      if (direction.equals(m.path("direction").asText()) && partner.equals(m.path("partner").asText())
          && type.equals(m.path("type").asText())) {
        n++;
      }
    }
    return n;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    webhooks.stop(0);
  }
}
