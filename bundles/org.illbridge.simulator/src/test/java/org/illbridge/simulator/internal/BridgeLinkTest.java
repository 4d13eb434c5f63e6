package org.illbridge.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.iso10161.BerCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sending to the bridge by HTTP POST: what is sent, what counts as taken, nothing sent twice. */
@Timeout(30)
class BridgeLinkTest {
  private HttpServer server;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private final AtomicInteger posts = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext("/", ex -> {
      try (ex) {
        posts.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        seen.put("method", ex.getRequestMethod());
        seen.put("body", new String(body, StandardCharsets.UTF_8));
        seen.put("type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
        seen.put("secret", String.valueOf(ex.getRequestHeaders().getFirst("X-ILL-Secret")));
        String path = ex.getRequestURI().getPath();
        if (path.equals("/error")) {
          byte[] answer = "no".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(503, answer.length);
          ex.getResponseBody().write(answer);
        } else if (path.equals("/moved")) {
          ex.getResponseHeaders().add("Location", "/ok");
          ex.sendResponseHeaders(302, -1);
        } else {
          byte[] answer = ("took " + body.length).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, answer.length);
          ex.getResponseBody().write(answer);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  private BridgeLink link(String path) {
    return new BridgeLink(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
        2000, 0, List.of("X-ILL-Secret: s3cret"));
  }

  @Test
  void postsTheBytesWithContentTypeAndHeadersAndReturnsTheAnswer() throws Exception {
    BridgeLink l = link("/iso18626");
    for (int i = 0; i < 3; i++) { // kept-alive connection reused
      byte[] answer = l.send("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml", new BerCodec());
      assertArrayEquals("took 4".getBytes(StandardCharsets.UTF_8), answer);
    }
    assertEquals(Map.of("method", "POST", "body", "<x/>", "type", "application/xml",
        "secret", "s3cret"), seen);
    assertEquals(3, posts.get());
  }

  @Test
  void anErrorStatusOrARedirectIsNotTakenAndIsSentOnce() {
    IOException e = assertThrows(IOException.class,
        () -> link("/error").send(new byte[] {1}, "application/octet-stream", new BerCodec()));
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    IOException r = assertThrows(IOException.class,
        () -> link("/moved").send(new byte[] {1}, "application/octet-stream", new BerCodec()));
    assertTrue(r.getMessage().contains("HTTP 302"), r.getMessage());
    assertEquals(2, posts.get(), "not followed, not repeated");
  }

  @Test
  void anUnreachableBridgeIsAnIoError() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    BridgeLink l = new BridgeLink(URI.create("http://127.0.0.1:" + port + "/iso18626"), 1000, 0, List.of());
    assertThrows(IOException.class, () -> l.send(new byte[] {1}, "application/xml", new BerCodec()));
  }
}
