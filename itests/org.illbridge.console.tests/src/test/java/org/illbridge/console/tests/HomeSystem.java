package org.illbridge.console.tests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.illbridge.itests.support.RestApi;
import org.illbridge.itests.support.ServerProcess;

/**
 * The test plays the home ILL system: it creates requests through the bridge's REST API (API key)
 * and takes the bridge's webhooks on a loopback port (answering 204), so the bridge's deliveries
 * to the home system succeed instead of piling up as dead letters.
 */
final class HomeSystem implements AutoCloseable {
  static final String API_KEY = "console-it-api-key-7c1d93e2a4b5";
  static final String WEBHOOK_SECRET = "console-it-webhook-secret";
  static final String AGENCY = "ISIL:CA-CONSOLE-HOME";

  private final HttpServer webhooks;
  final AtomicInteger webhooksReceived = new AtomicInteger();
  private RestApi rest;

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
    rest = RestApi.configure(server, "console-it", API_KEY, WEBHOOK_SECRET);
    server.homePartner(AGENCY, webhooks.getAddress().getPort());
  }

  /** Waits until the REST API answers an authenticated call (engine, store and partners are up). */
  void awaitRest(Duration timeout) throws Exception {
    rest.awaitReady(timeout);
  }

  /** POST /api/v1/requests for a loan; returns the bridge key (fails on anything but 201). */
  String createRequest(String requestId, String title, String author, String... lenders) throws Exception {
    return rest.createRequest(RestApi.requestJson(requestId, AGENCY, title, author, lenders));
  }

  /** Number of messages of the transaction in the bridge's log with this direction, partner and type. */
  int count(String key, String direction, String partner, String type) throws Exception {
    return RestApi.messages(rest.transaction(key), direction, partner, type).size();
  }

  @Override
  public void close() {
    webhooks.stop(0);
  }
}
