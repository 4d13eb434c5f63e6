package org.illbridge.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP relay in front of an ISO 18626 endpoint (the simulator's, or the bridge's) that
 * timestamps every POST body before passing it on; the answer is relayed unchanged.
 */
final class HttpTap implements AutoCloseable {

  /** Called with each POSTed body when it has been read, before it is passed on. */
  interface Listener {
    void onMessage(byte[] body, long nanos);
  }

  private static final List<String> HEADERS = List.of("Content-Type", "Authorization");

  private final String name;
  private final String targetBase;
  private final Listener listener;
  private final int threads;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private HttpServer server;
  private ExecutorService pool;

  /** @param targetBase {@code http://127.0.0.1:<port>}; the request path is kept */
  HttpTap(String name, String targetBase, Listener listener, int threads) {
    this.name = name;
    this.targetBase = targetBase;
    this.listener = listener;
    this.threads = threads;
  }

  HttpTap start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tap-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::relay);
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void relay(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      listener.onMessage(body, System.nanoTime());
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(targetBase + ex.getRequestURI()))
          .timeout(Duration.ofSeconds(30))
          .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
        boolean keep = h.getKey().regionMatches(true, 0, "X-", 0, 2)
            || HEADERS.stream().anyMatch(k -> k.equalsIgnoreCase(h.getKey()));
        if (keep) {
          h.getValue().forEach(v -> b.header(h.getKey(), v));
        }
      }
      HttpResponse<byte[]> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(503, -1);
        return;
      }
      r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
      byte[] answer = r.body();
      ex.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        ex.getResponseBody().write(answer);
      }
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
