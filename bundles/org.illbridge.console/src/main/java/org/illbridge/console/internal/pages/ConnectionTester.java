package org.illbridge.console.internal.pages;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * "Test connection" on the Partners page: can the bridge reach an endpoint? {@code tcp://} is a
 * TCP connect; {@code http(s)://} is an HTTP HEAD whose answer, whatever its status, proves the
 * server is there. Short timeouts, so a dead partner never holds a console thread for long.
 */
class ConnectionTester {
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Outcome of one test; {@code detail} is a status code or the error, for the message. */
  record Result(URI endpoint, boolean reachable, String detail, long millis) {}

  Result test(URI endpoint) {
    long start = System.nanoTime();
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
    try {
      String detail = switch (scheme) {
        case "tcp" -> tcp(endpoint);
        case "http", "https" -> http(endpoint);
        default -> throw new IOException("scheme '" + scheme + "' cannot be tested");
      };
      return new Result(endpoint, true, detail, elapsed(start));
    } catch (IOException | IllegalArgumentException e) {
      return new Result(endpoint, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), elapsed(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(endpoint, false, "interrupted", elapsed(start));
    }
  }

  private static String tcp(URI endpoint) throws IOException {
    if (endpoint.getHost() == null || endpoint.getPort() < 0) {
      throw new IOException("a tcp endpoint needs host and port");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), (int) TIMEOUT.toMillis());
      return "TCP";
    }
  }

  private static String http(URI endpoint) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT.multipliedBy(2))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    return "HTTP " + response.statusCode();
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
