package org.illbridge.e2e.tests;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP relay in front of a lender: every POST the bridge makes is passed on unchanged
 * (same path, body and content type) and kept with the lender's answer, so a test sees what the
 * lender received on the wire.
 */
final class HttpTap implements AutoCloseable {
  /** One POST: its path and body, and the lender's status. */
  record Post(String path, byte[] body, int status) {}

  private final HttpServer server;
  private final int targetPort;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final List<Post> posts = new CopyOnWriteArrayList<>();

  HttpTap(int targetPort) throws IOException {
    this.targetPort = targetPort;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::relay);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "http-tap-" + targetPort);
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The POSTs the lender received, in order of arrival. */
  List<Post> posts() {
    return List.copyOf(posts);
  }

  private void relay(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getRawPath();
      HttpRequest.Builder b = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + targetPort + path))
          .timeout(Duration.ofSeconds(20))
          .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        b.header("Content-Type", type);
      }
      HttpResponse<byte[]> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        posts.add(new Post(path, body, 502));
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(503, -1);
        return;
      }
      posts.add(new Post(path, body, r.statusCode()));
      r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        ex.getResponseBody().write(r.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
