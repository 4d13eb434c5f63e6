package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against the JDK's own small HTTP server on loopback. */
class HttpTransportTest {

  HttpServer server;
  final AtomicReference<String> received = new AtomicReference<>();
  URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/iso18626", ex -> {
      received.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "|" + ex.getRequestHeaders().getFirst("Content-Type"));
      byte[] answer = "<confirmation/>".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(answer);
      }
    });
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "/iso18626");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/broken", ex -> {
      ex.sendResponseHeaders(500, -1);
      ex.close();
    });
    server.createContext("/huge", ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(new byte[5000]);
      } catch (IOException ignored) {
        // client hung up
      }
    });
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Generous limits: on a loaded build machine a loopback answer can take seconds. */
  HttpTransport transport() {
    return new HttpTransport(Duration.ofSeconds(30), Duration.ofSeconds(30), 1000);
  }

  @Test
  void postsXmlAndReturnsTheConfirmation() throws Exception {
    byte[] answer = transport().send(base.resolve("/iso18626"), "<msg/>".getBytes(StandardCharsets.UTF_8));
    assertEquals("<confirmation/>", new String(answer, StandardCharsets.UTF_8));
    assertEquals("<msg/>|application/xml; charset=UTF-8", received.get());
  }

  @Test
  void redirectIsNotFollowed() {
    IOException e = assertThrows(IOException.class, () -> transport().send(base.resolve("/moved"), new byte[] {1}));
    assertTrue(e.getMessage().contains("302"));
    assertNull(received.get());
  }

  @Test
  void serverErrorIsAnIOExceptionForRetry() {
    assertThrows(IOException.class, () -> transport().send(base.resolve("/broken"), new byte[] {1}));
  }

  @Test
  void requestTimeoutApplies() {
    HttpTransport impatient = new HttpTransport(Duration.ofSeconds(30), Duration.ofMillis(500), 1000);
    assertThrows(IOException.class, () -> impatient.send(base.resolve("/slow"), new byte[] {1}));
  }

  @Test
  void oversizedConfirmationIsRefused() {
    IOException e = assertThrows(IOException.class, () -> transport().send(base.resolve("/huge"), new byte[] {1}));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }

  @Test
  void otherSchemesAreRefused() {
    assertThrows(IOException.class, () -> transport().send(URI.create("tcp://127.0.0.1:1"), new byte[] {1}));
  }
}
