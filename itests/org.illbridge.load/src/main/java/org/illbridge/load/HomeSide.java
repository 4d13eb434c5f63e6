package org.illbridge.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
          String[] kt = keyAndType(body);
          events.record(kt[0], kt[1], WHERE, now);
          waiter(kt[0], kt[1]).complete(now);
        } catch (IOException e) {
          unreadable.incrementAndGet();
        }
        ex.sendResponseHeaders(204, -1);
      }
    });
    server.start();
  }

  /**
   * The webhook's top-level {@code supplierTransactionId} and {@code type} ("?" when absent), read
   * with Jackson's streaming parser: the generator needs only these two fields, and a tree of the
   * whole body per webhook was a visible share of its CPU.
   */
  static String[] keyAndType(byte[] body) throws IOException {
    String[] v = fields(body, "supplierTransactionId", "type");
    return new String[] {v[0] == null ? "?" : v[0], v[1] == null ? "?" : v[1]};
  }

  /** The text of these top-level fields of a JSON object (null for each one absent), streamed. */
  static String[] fields(byte[] json, String... names) throws IOException {
    String[] values = new String[names.length];
    try (JsonParser p = JSON.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        int i = v.isScalarValue() ? java.util.Arrays.asList(names).indexOf(field) : -1;
        if (i >= 0) {
          values[i] = p.getValueAsString();
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("JSON object not closed");
      }
    }
    return values;
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

  /**
   * POSTs {@code json} with the API key. Plain {@link HttpURLConnection} (kept-alive connections,
   * {@code http.maxConnections} set by {@link LoadMain}): the generator runs on the server's cores
   * and the JDK's asynchronous {@code HttpClient} cost it well over the blocking client's CPU per
   * call (measured 2026-11-23, load README). The body of an error answer is read too, so that its
   * connection is kept.
   */
  Reply post(String base, String path, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(30_000);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(body.length);
    c.setRequestProperty("X-API-Key", Server.API_KEY);
    c.setRequestProperty("Content-Type", "application/json");
    long sent = System.nanoTime();
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    byte[] answer;
    if (in == null) {
      answer = new byte[0];
    } else {
      try (in) {
        answer = in.readAllBytes();
      }
    }
    return new Reply(status, new String(answer, StandardCharsets.UTF_8), sent, System.nanoTime());
  }

  /** One initialised Mac per webhook thread (looking one up and keying it per call cost more than the HMAC). */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Server.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  });

  static boolean signatureOk(String header, byte[] body) {
    if (header == null) {
      return false;
    }
    try {
      Mac mac = MAC.get();
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
