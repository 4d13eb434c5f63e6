package org.illbridge.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The home ILL system's side of the bridge's REST API ({@code /api/v1}, {@code X-API-Key}): its
 * configuration, requests, transactions, staff actions and the message log they show.
 */
public final class RestApi {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final ServerProcess server;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public RestApi(ServerProcess server, String apiKey) {
    this.server = server;
    this.apiKey = apiKey;
  }

  /**
   * Writes {@code conf/org.illbridge.rest.cfg} (only the key's SHA-256 is stored, as an admin
   * does) with the webhook secret, the home partner being {@code home}; returns the client.
   */
  public static RestApi configure(ServerProcess server, String label, String apiKey, String webhookSecret)
      throws IOException {
    server.conf("org.illbridge.rest.cfg", ".apiKeys=" + label + ":" + sha256(apiKey) + "\n.webhookSecret="
        + webhookSecret + "\nhomePartnerKey=home\n");
    return new RestApi(server, apiKey);
  }

  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the REST API answers an authenticated list call (engine, store, partners are up). */
  public void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + server.output());
      }
      try {
        last = get("/api/v1/transactions?limit=1").statusCode();
        if (last == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("REST API not ready within " + timeout + " (last HTTP " + last
        + "):\n" + server.output());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(server.url(path)).header("X-API-Key", apiKey)
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(server.url(path)).header("X-API-Key", apiKey)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POST /requests; returns the transaction key (fails the test on anything but 201). */
  public String createRequest(String json) throws Exception {
    HttpResponse<String> r = post("/api/v1/requests", json);
    if (r.statusCode() != 201) {
      throw new AssertionError("request " + json + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("key").asText();
  }

  /** A loan request's JSON: title, an author and a verification source (WorldCat). */
  public static String requestJson(String requestId, String requester, String title, String author,
      String... lenders) {
    var o = JSON.createObjectNode();
    o.put("requestId", requestId);
    o.put("requester", requester);
    o.put("serviceType", "LOAN");
    o.putObject("item").put("title", title).put("author", author).put("verificationSource", "WorldCat");
    var l = o.putArray("lenders");
    for (String s : lenders) {
      l.add(s);
    }
    return o.toString();
  }

  public JsonNode transaction(String key) throws Exception {
    HttpResponse<String> r = get("/api/v1/transactions/" + key);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + key + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  public String state(String key) throws Exception {
    return transaction(key).path("state").asText();
  }

  /** A staff action; returns the HTTP status (fails the test on 3xx and above). */
  public int action(String key, String action) throws Exception {
    HttpResponse<String> r = post("/api/v1/transactions/" + key + "/actions/" + action, "{}");
    if (r.statusCode() >= 300) {
      throw new AssertionError(action + " on " + key + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.statusCode();
  }

  /** Messages of the transaction in the bridge's log matching direction, partner and type (null: any). */
  public static List<JsonNode> messages(JsonNode tx, String direction, String partner, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : tx.path("messages")) {
      if ((direction == null || direction.equals(m.path("direction").asText()))
          && (partner == null || partner.equals(m.path("partner").asText()))
          && (type == null || type.equals(m.path("type").asText()))) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Waits until the bridge's log holds exactly {@code count} such messages; returns the
   * transaction then. An outbound message is logged once the transport returns, which can be
   * after the partner's answer was handled.
   */
  public JsonNode awaitMessages(String key, String direction, String partner, String type, int count,
      Duration timeout) throws Exception {
    JsonNode[] tx = new JsonNode[1];
    Await.until(count + " " + direction + " " + type + " for " + partner + " in " + key, timeout, () -> {
      tx[0] = transaction(key);
      return messages(tx[0], direction, partner, type).size() == count;
    });
    return tx[0];
  }
}
