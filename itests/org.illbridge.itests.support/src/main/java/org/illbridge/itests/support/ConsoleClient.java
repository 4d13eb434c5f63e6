package org.illbridge.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Talks to the Felix web console over HTTP the way curl or a script does (HTTP Basic). */
public final class ConsoleClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerProcess server;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ConsoleClient(ServerProcess server, String user, String password) {
    this.server = server;
    this.authorization = ServerProcess.basic(user, password);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(server.url(path)).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** All bundles as the console's Bundles page lists them. */
  public JsonNode bundles() throws IOException, InterruptedException {
    return getJson("/system/console/bundles.json").get("data");
  }

  public JsonNode bundle(String symbolicName) throws IOException, InterruptedException {
    for (JsonNode b : bundles()) {
      if (symbolicName.equals(b.path("symbolicName").asText())) {
        return b;
      }
    }
    return null;
  }

  /**
   * Services of the given type registered by the given bundle, from the console's Services page
   * (its JSON lists every service; its filter parameter only pre-fills the page's search box).
   */
  public int services(String type, String bundleSymbolicName) throws IOException, InterruptedException {
    int count = 0;
    for (JsonNode s : getJson("/system/console/services.json").get("data")) {
      if (bundleSymbolicName.equals(s.path("bundleSymbolicName").asText())
          && s.path("types").asText().contains(type)) {
        count++;
      }
    }
    return count;
  }

  public HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url(path))
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The upload form of the Bundles page: install (and start) a file. */
  public HttpResponse<String> upload(String fileName, byte[] content) throws IOException, InterruptedException {
    String boundary = "----illbridge" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "action", null, "install".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "bundlestart", null, "start".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "bundlefile", fileName, content);
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(server.url("/system/console/bundles"))
            .header("Authorization", authorization)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void part(
      ByteArrayOutputStream body, String boundary, String name, String fileName, byte[] content)
      throws IOException {
    StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
    head.append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (fileName != null) {
      head.append("; filename=\"").append(fileName).append("\"\r\n");
      head.append("Content-Type: application/java-archive");
    }
    head.append("\r\n\r\n");
    body.write(head.toString().getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
  }
}
