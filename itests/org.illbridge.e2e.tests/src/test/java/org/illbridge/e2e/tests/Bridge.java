package org.illbridge.e2e.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.illbridge.itests.support.RestApi;
import org.illbridge.itests.support.ServerProcess;

/**
 * The real distribution ({@link ServerProcess}) set up for loans end to end: free loopback ports
 * for HTTP and the ISO 10161 listener, the home system's API key and webhook secret, short
 * timers; partners and simulators are added as {@code conf/*.cfg} files before {@link #start()}.
 * Ready once the REST API answers. The REST calls are the home system's ({@link RestApi}).
 */
final class Bridge extends ServerProcess {
  static final String API_KEY = "e2e-api-key-3f9c2a7d1b4e8f60";
  static final String WEBHOOK_SECRET = "e2e-webhook-secret";
  static final ObjectMapper JSON = RestApi.JSON;
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  final int tcpPort;
  final RestApi rest;

  private Bridge(Path home, int httpPort, int tcpPort) throws IOException {
    super(home, httpPort);
    this.tcpPort = tcpPort;
    this.rest = RestApi.configure(this, "e2e", API_KEY, WEBHOOK_SECRET);
    javaOpts("-Xmx384m -XX:+UseSerialGC");
    startTimeout(START_TIMEOUT);
  }

  /** Copies the built distribution and writes the base configuration (API key, ports, timers). */
  public static Bridge prepare(String name) throws IOException {
    Bridge b = new Bridge(freshHome(name), freePort(), freePort());
    b.conf("org.illbridge.iso10161.tcp.cfg", "port=" + b.tcpPort + "\nbindAddress=127.0.0.1\nidleTimeoutSeconds=3\n");
    // short hold re-check and timer poll: the tests wait for the bridge, not for defaults
    b.conf("org.illbridge.engine.cfg", "homePartnerKey=home\nholdDelaySeconds=1\ntimerPollSeconds=2\n");
    b.conf("org.illbridge.store.outbox.cfg", "initialBackoffSeconds=1\nmaxBackoffMinutes=1\npollIntervalMillis=100\n");
    return b;
  }

  /** A lender in the directory and its simulator (run inside the server), answering to this bridge. */
  int simulatedLender(String key, String agency, String kind, String dialect, double fillRate)
      throws IOException {
    return simulatedLender(key, agency, kind, dialect, fillRate, tcpPort);
  }

  @Override
  public Bridge start() throws Exception {
    super.start();
    return this;
  }

  /** Ready = the REST API answers an authenticated list call (engine, store, partners are up). */
  @Override
  protected void awaitReady() throws Exception {
    rest.awaitReady(startTimeout());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return rest.get(path);
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return rest.post(path, json);
  }

  /** POST /requests; returns the transaction key (fails the test on anything but 201). */
  String createRequest(String requestId, String requester, String title, String... lenders)
      throws Exception {
    return rest.createRequest(requestJson(requestId, requester, title, lenders));
  }

  static String requestJson(String requestId, String requester, String title, String... lenders) {
    return RestApi.requestJson(requestId, requester, title, "Test, Author", lenders);
  }

  JsonNode transaction(String key) throws Exception {
    return rest.transaction(key);
  }

  String state(String key) throws Exception {
    return rest.state(key);
  }

  /** A staff action; returns the HTTP status. */
  int action(String key, String action) throws Exception {
    return rest.action(key, action);
  }

  /** Messages of the transaction in the bridge's log, matching direction, partner and type. */
  static List<JsonNode> messages(JsonNode tx, String direction, String partner, String type) {
    return RestApi.messages(tx, direction, partner, type);
  }

  /** Waits until the bridge's log holds exactly {@code count} such messages. */
  JsonNode awaitMessages(String key, String direction, String partner, String type, int count,
      Duration timeout) throws Exception {
    return rest.awaitMessages(key, direction, partner, type, count, timeout);
  }
}
