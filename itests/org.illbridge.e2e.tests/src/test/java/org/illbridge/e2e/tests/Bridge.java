package org.illbridge.e2e.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real distribution, copied to a fresh folder under target/servers and started with {@code
 * bin/illbridge} as an admin would, on free loopback ports (HTTP and the ISO 10161 listener). The
 * home system's API key and webhook secret are configured; partners and simulators are added as
 * {@code conf/*.cfg} files before {@link #start()}. (Kept apart from the distribution tests'
 * ServerProcess on purpose: this one also restarts, kills and talks REST.)
 */
final class Bridge implements AutoCloseable {
  static final String API_KEY = "e2e-api-key-3f9c2a7d1b4e8f60";
  static final String WEBHOOK_SECRET = "e2e-webhook-secret";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  final Path home;
  final int httpPort;
  final int tcpPort;
  private final List<String> output = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  private Bridge(Path home, int httpPort, int tcpPort) {
    this.home = home;
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
  }

  /** Copies the built distribution and writes the base configuration (API key, ports, timers). */
  static Bridge prepare(String name) throws IOException {
    Path dist = Path.of(System.getProperty("illbridge.distribution"));
    if (!Files.isExecutable(dist.resolve("bin/illbridge"))) {
      throw new IllegalStateException("distribution not built at " + dist);
    }
    Path home = Path.of(System.getProperty("illbridge.workDir")).resolve(name);
    deleteTree(home); // left by an earlier run; kept after a run for post-mortems
    copyTree(dist, home);
    deleteTree(home.resolve("demo-run"));
    home.resolve("bin/illbridge").toFile().setExecutable(true);
    Bridge b = new Bridge(home, freePort(), freePort());
    b.conf("org.illbridge.rest.cfg",
        ".apiKeys=e2e:" + sha256(API_KEY) + "\n.webhookSecret=" + WEBHOOK_SECRET + "\nhomePartnerKey=home\n");
    b.conf("org.illbridge.iso10161.tcp.cfg", "port=" + b.tcpPort + "\nbindAddress=127.0.0.1\nidleTimeoutSeconds=3\n");
    // short hold re-check and timer poll: the tests wait for the bridge, not for defaults
    b.conf("org.illbridge.engine.cfg", "homePartnerKey=home\nholdDelaySeconds=1\ntimerPollSeconds=2\n");
    b.conf("org.illbridge.store.outbox.cfg", "initialBackoffSeconds=1\nmaxBackoffMinutes=1\npollIntervalMillis=100\n");
    return b;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void conf(String file, String content) throws IOException {
    Files.writeString(home.resolve("conf").resolve(file), content);
  }

  /** The home system's partner entry: REST, webhooks to {@code webhookPort}. */
  void homePartner(String agency, int webhookPort) throws IOException {
    conf("org.illbridge.partner-home.cfg", "key=home\nname=Home ILL system (test)\nids=" + agency
        + "\nprotocol=REST\nendpoints=webhook+http://127.0.0.1:" + webhookPort + "/webhook\n");
  }

  /** A lender in the directory and its simulator (run inside the server). */
  void simulatedLender(String key, String agency, String kind, String dialect, double fillRate)
      throws IOException {
    int port = freePort();
    boolean iso18626 = kind.equals("ISO18626");
    String endpoint = iso18626 ? "http://127.0.0.1:" + port + "/iso18626" : "tcp://127.0.0.1:" + port;
    String scheme = agency.contains(":") ? agency : "OTHER:" + agency;
    conf("org.illbridge.partner-" + key + ".cfg", "key=" + key + "\nids=" + scheme
        + "\nprotocol=" + (iso18626 ? "ISO18626" : "ISO10161") + "\ndialect=" + dialect
        + "\nendpoints=" + endpoint + "\ndaysToRespond=7\nnotesAllowed=false\n");
    conf("org.illbridge.simulator.partner-" + key + ".cfg", "agencyId=" + agency + "\nkind=" + kind
        + "\nlistenPort=" + port + (iso18626 ? "\nlistenPath=/iso18626" : "")
        + "\nbridgeEndpoint=" + (iso18626 ? "http://127.0.0.1:" + httpPort + "/iso18626"
            : "tcp://127.0.0.1:" + tcpPort)
        + "\nfillRate=" + fillRate + "\nanswerDelayMs=300\nseed=7\n");
  }

  /** The simulator bundle (shipped in demo/bundle/) goes next to the server's bundles. */
  void installSimulator() throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("demo/bundle"))) {
      for (Path jar : (Iterable<Path>) s::iterator) {
        Files.copy(jar, home.resolve("bundle").resolve(jar.getFileName().toString()));
      }
    }
  }

  /** Moves the bundle whose file name starts with {@code prefix} out of bundle/; returns it. */
  Path takeOutBundle(String prefix, Path to) throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("bundle"))) {
      Path jar = s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no bundle " + prefix + " in " + home));
      Files.createDirectories(to);
      return Files.move(jar, to.resolve(jar.getFileName().toString()));
    }
  }

  /** Starts again on the same folder and ports (after {@link #kill9()} or {@link #close()}). */
  Bridge restart() throws Exception {
    if (isAlive()) {
      throw new IllegalStateException("still running");
    }
    return start();
  }

  Bridge start() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/illbridge").toString())
        .directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_OPTS",
        "-Xmx384m -XX:+UseSerialGC -Dorg.osgi.service.http.port=" + httpPort);
    process = pb.start();
    Process p = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (output) {
            output.add(line);
          }
        }
      } catch (IOException e) {
        // process ended
      }
    }, "bridge-output-" + httpPort);
    reader.setDaemon(true);
    reader.start();
    awaitReady();
    return this;
  }

  /** Ready = the REST API answers an authenticated list call (engine, store, partners are up). */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + output());
      }
      try {
        HttpResponse<String> r = get("/api/v1/transactions?limit=1");
        last = r.statusCode();
        if (last == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("REST API not ready within " + START_TIMEOUT + " (last HTTP "
        + last + "):\n" + output());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url(path)).header("X-API-Key", API_KEY)
        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(url(path)).header("X-API-Key", API_KEY)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POST /requests; returns the transaction key (fails the test on anything but 201). */
  String createRequest(String requestId, String requester, String title, String... lenders)
      throws Exception {
    HttpResponse<String> r = post("/api/v1/requests", requestJson(requestId, requester, title, lenders));
    if (r.statusCode() != 201) {
      throw new AssertionError("request " + requestId + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("key").asText();
  }

  static String requestJson(String requestId, String requester, String title, String... lenders) {
    var o = JSON.createObjectNode();
    o.put("requestId", requestId);
    o.put("requester", requester);
    o.put("serviceType", "LOAN");
    o.putObject("item").put("title", title).put("author", "Test, Author")
        .put("verificationSource", "WorldCat");
    var l = o.putArray("lenders");
    for (String s : lenders) {
      l.add(s);
    }
    return o.toString();
  }

  JsonNode transaction(String key) throws Exception {
    HttpResponse<String> r = get("/api/v1/transactions/" + key);
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + key + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  String state(String key) throws Exception {
    return transaction(key).path("state").asText();
  }

  /** A staff action; returns the HTTP status. */
  int action(String key, String action) throws Exception {
    HttpResponse<String> r = post("/api/v1/transactions/" + key + "/actions/" + action, "{}");
    if (r.statusCode() >= 300) {
      throw new AssertionError(action + " on " + key + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.statusCode();
  }

  /** Messages of the transaction in the bridge's log, matching direction, partner and type. */
  static List<JsonNode> messages(JsonNode tx, String direction, String partner, String type) {
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
   * Waits until the bridge's log holds exactly {@code count} such messages. An outbound message
   * is logged once the transport returns, which can be after the partner's answer was handled.
   */
  JsonNode awaitMessages(String key, String direction, String partner, String type, int count,
      Duration timeout) throws Exception {
    JsonNode[] tx = new JsonNode[1];
    Await.until(count + " " + direction + " " + type + " for " + partner + " in " + key, timeout, () -> {
      tx[0] = transaction(key);
      return messages(tx[0], direction, partner, type).size() == count;
    });
    return tx[0];
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  Optional<String> outputLine(String contains) {
    synchronized (output) {
      return output.stream().filter(l -> l.contains(contains)).findFirst();
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hook, no clean close of the store. */
  void kill9() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Unix
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: the shutdown hook stops the framework
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
