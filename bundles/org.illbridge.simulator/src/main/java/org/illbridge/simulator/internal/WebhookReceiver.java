package org.illbridge.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home ILL system's side of the bridge's webhooks: an embedded JDK HTTP server that records
 * every POST it receives (bounded, newest last). When a secret is configured, the signature the
 * bridge puts in {@code X-IllBridge-Signature} ({@code sha256=<hex HMAC-SHA256 of the body>}, see
 * {@code org.illbridge.rest.WebhookSignature}) must match, else 401. During a down period: 503.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
  static final String SIGNATURE_HEADER = "X-IllBridge-Signature";
  static final int MAX_BODY = 1 << 20;

  /** One webhook call as received. */
  public record Delivery(String path, String contentType, byte[] body, boolean signatureValid) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String host;
  private final int wantedPort;
  private final String path;
  private final String secret;
  private final DownPeriods down;
  private final long startNanos = System.nanoTime();
  private final Deque<Delivery> deliveries = new ArrayDeque<>();
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param secret shared secret of the signature; null or empty to accept unsigned calls
   */
  public WebhookReceiver(String host, int port, String path, String secret, DownPeriods down) {
    this.host = host == null || host.isBlank() ? "127.0.0.1" : host;
    this.wantedPort = port;
    this.path = path == null || path.isBlank() ? "/webhook" : path;
    this.secret = secret == null || secret.isEmpty() ? null : secret;
    this.down = down == null ? DownPeriods.NONE : down;
  }

  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), wantedPort), 50);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "simulator-home-webhook");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(path, this::exchange);
    server.start();
    LOG.info("Simulated home system takes webhooks at {}", url());
  }

  public String url() {
    return "http://" + host + ":" + server.getAddress().getPort() + path;
  }

  private void exchange(HttpExchange ex) throws IOException {
    try {
      if (down.isDown((System.nanoTime() - startNanos) / 1_000_000)) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "POST");
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = HttpBodies.read(ex.getRequestBody(), MAX_BODY);
      if (body == null) {
        ex.sendResponseHeaders(413, -1);
        return;
      }
      boolean valid = secret == null
          || verify(secret, body, ex.getRequestHeaders().getFirst(SIGNATURE_HEADER));
      record(new Delivery(ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("Content-Type"), body, valid));
      if (!valid) {
        LOG.warn("Simulated home system: webhook with a wrong or missing signature refused");
      }
      ex.sendResponseHeaders(valid ? 204 : 401, -1);
    } finally {
      ex.close();
    }
  }

  private synchronized void record(Delivery d) {
    if (deliveries.size() == 10_000) {
      deliveries.removeFirst();
    }
    deliveries.addLast(d);
    notifyAll();
  }

  public synchronized List<Delivery> deliveries() {
    return new ArrayList<>(deliveries);
  }

  /** Waits at most {@code timeout} for a delivery matching the filter; null when none came. */
  public synchronized Delivery await(Predicate<Delivery> filter, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Delivery d : deliveries) {
        if (filter.test(d)) {
          return d;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** HMAC-SHA256 check in constant time (JDK javax.crypto; no library needed). */
  static boolean verify(String secret, byte[] body, String header) {
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
      return false;
    }
    try {
      byte[] given = HexFormat.of().parseHex(header.substring(7).trim());
      return MessageDigest.isEqual(sign(secret, body), given);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static byte[] sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 not available", e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
