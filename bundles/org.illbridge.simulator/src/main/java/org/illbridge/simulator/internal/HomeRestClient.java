package org.illbridge.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The home ILL system's client of the bridge's REST API ({@code org.illbridge.rest}, base path
 * {@code /api/v1}, key in {@code X-API-Key}). Everything that depends on that API's shape is in
 * this one class: creating a request and the staff actions of the borrower's life cycle.
 */
public final class HomeRestClient {
  static final String API_KEY_HEADER = "X-API-Key";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the home system asks for. */
  public record NewRequest(String requestId, String requester, String title, String author,
      String isbn, String verificationSource, List<String> lenders) {}

  /** The bridge's answer: HTTP status and body (a transaction or an RFC 7807 problem). */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final URI base;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base e.g. {@code http://127.0.0.1:8080/api/v1}
   * @param apiKey the key as issued (the bridge keeps only its hash)
   */
  public HomeRestClient(URI base, String apiKey, Duration timeout) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** POST /requests: a loan request routed through the lenders in order. */
  public Answer createRequest(NewRequest r) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("requestId", r.requestId());
    body.put("requester", r.requester());
    body.put("serviceType", "LOAN");
    ObjectNode item = body.putObject("item");
    item.put("title", r.title());
    if (r.author() != null) {
      item.put("author", r.author());
    }
    if (r.isbn() != null) {
      item.put("isbn", r.isbn());
    }
    if (r.verificationSource() != null) {
      item.put("verificationSource", r.verificationSource());
    }
    r.lenders().forEach(body.putArray("lenders")::add);
    return post("/requests", body);
  }

  /** POST /transactions/{key}/actions/{action}, e.g. {@code received}, {@code returned}. */
  public Answer action(String transactionKey, String action) throws IOException {
    return post("/transactions/" + URLEncoder.encode(transactionKey, StandardCharsets.UTF_8)
        + "/actions/" + URLEncoder.encode(action, StandardCharsets.UTF_8),
        JSON.createObjectNode());
  }

  /** GET /transactions/{key}. */
  public Answer transaction(String transactionKey) throws IOException {
    return exchange(HttpRequest.newBuilder(URI.create(base + "/transactions/"
        + URLEncoder.encode(transactionKey, StandardCharsets.UTF_8))).GET());
  }

  private Answer post(String path, JsonNode body) throws IOException {
    return exchange(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  private Answer exchange(HttpRequest.Builder b) throws IOException {
    b.timeout(timeout).header("Accept", "application/json");
    if (apiKey != null && !apiKey.isEmpty()) {
      b.header(API_KEY_HEADER, apiKey);
    }
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    return new Answer(r.statusCode(), body);
  }

  /** The transaction key in a created request's answer ({@code key}), or null. */
  public static String transactionKey(Answer a) {
    JsonNode k = a.body().get("key");
    return k == null || k.isNull() ? null : k.asText();
  }
}
