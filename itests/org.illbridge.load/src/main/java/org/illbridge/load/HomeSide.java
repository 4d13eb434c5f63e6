package org.illbridge.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The home ILL system: calls the bridge's REST API with the API key and takes its webhooks on a
 * loopback JDK HTTP server, checking every HMAC-SHA256 signature (a bad one counts as an error).
 * Each webhook is recorded in {@link Events} as {@code key|TYPE|webhook}.
 */
final class HomeSide implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String WHERE = "webhook";

  /** A REST answer with when the call was sent and answered (System.nanoTime). */
  record Reply(int status, String body, long sentNanos, long doneNanos) {}

  private final HttpServer server;
  private final ExecutorService pool;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, CompletableFuture<Long>> waiters = new ConcurrentHashMap<>();
  final AtomicInteger webhooks = new AtomicInteger();
  final AtomicInteger badSignatures = new AtomicInteger();
  final AtomicInteger unreadable = new AtomicInteger();

  HomeSide(Events events, int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "home-webhook-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/webhook", ex -> {
      try (ex) {
        byte[] body = ex.getRequestBody().readAllBytes();
        long now = System.nanoTime();
        webhooks.incrementAndGet();
        if (!signatureOk(ex.getRequestHeaders().getFirst("X-IllBridge-Signature"), body)) {
          badSignatures.incrementAndGet();
        }
        try {
          JsonNode b = JSON.readTree(body);
          String key = b.path("supplierTransactionId").asText("?");
          String type = b.path("type").asText("?");
          events.record(key, type, WHERE, now);
          waiter(key, type).complete(now);
        } catch (IOException e) {
          unreadable.incrementAndGet();
        }
        ex.sendResponseHeaders(204, -1);
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Completes (with the arrival time) when the webhook {@code type} for {@code key} has come. */
  CompletableFuture<Long> waiter(String key, String type) {
    return waiters.computeIfAbsent(key + "|" + type, k -> new CompletableFuture<>());
  }

  /** Forgets a finished transaction's waiters (the runs are bounded, but 10,000 x 3 add up). */
  void forget(String key, String... types) {
    for (String t : types) {
      waiters.remove(key + "|" + t);
    }
  }

  Reply post(String base, String path, String json) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
        .header("X-API-Key", Server.API_KEY).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    long sent = System.nanoTime();
    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), sent, System.nanoTime());
  }

  static boolean signatureOk(String header, byte[] body) {
    if (header == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Server.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
          .getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, header.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
