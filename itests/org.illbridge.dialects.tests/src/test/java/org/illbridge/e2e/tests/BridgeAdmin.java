package org.illbridge.e2e.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.illbridge.itests.support.Await;

/**
 * What an admin sees of a running {@link Bridge} besides the REST API: the web console (bundle list,
 * outbox counts; logged in with a password set by {@code bin/illbridge passwd} before the start) and
 * the server's log file. Also requests with a note, which {@link Bridge#createRequest} does not send.
 */
final class BridgeAdmin {
  static final String USER = "admin";
  static final String PASSWORD = "dialects-it-console-password";
  private static final Pattern OUTBOX_COUNT = Pattern.compile("\\?status=([A-Z_]+)'>[^<]*?: (\\d+)</a>");

  private final Bridge bridge;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  BridgeAdmin(Bridge bridge) {
    this.bridge = bridge;
  }

  /** A step that writes a server's files before it starts. */
  interface Setup {
    void accept(Bridge bridge) throws Exception;
  }

  /**
   * Prepares (fresh copy of the distribution, console password, simulator bundle, home partner,
   * then {@code setup}) and starts a server, and checks that every conf/*.cfg still holds what was
   * written before the start. At each start FileInstall rewrites every cfg file in place; a file
   * caught half rewritten has come back empty (its settings lost: e.g. the ISO 10161 listener on its
   * default port). That is a platform defect these tests are not about (see the README), so such a
   * start is reported on stderr and done again on a fresh copy, at most 3 times.
   */
  static Bridge startFresh(String name, HomeSystem home, Setup setup) throws Exception {
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      Bridge b = Bridge.prepare(name);
      new BridgeAdmin(b).setConsolePassword();
      b.installSimulator();
      b.homePartner(HomeSystem.AGENCY, home.port());
      setup.accept(b);
      Map<String, Properties> written = confFiles(b);
      b.start();
      Thread.sleep(2500); // two FileInstall polls of conf/ after the start
      Map<String, Properties> now = confFiles(b);
      List<String> changed = new ArrayList<>();
      for (Map.Entry<String, Properties> e : written.entrySet()) {
        if (!e.getValue().equals(now.get(e.getKey()))) {
          changed.add(e.getKey() + " " + e.getValue() + " -> " + now.get(e.getKey()));
        }
      }
      if (changed.isEmpty()) {
        return b;
      }
      String msg = "start " + attempt + " of " + name + ": conf/ changed by the server at start (FileInstall"
          + " in-place rewrite race): " + changed;
      System.err.println("WARNING " + msg);
      failures.add(msg);
      b.close();
    }
    throw new IllegalStateException("no clean start in 3 attempts: " + failures);
  }

  private static Map<String, Properties> confFiles(Bridge b) throws IOException {
    Map<String, Properties> out = new TreeMap<>();
    try (var files = Files.list(b.home.resolve("conf"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".cfg")) {
          Properties p = new Properties();
          try (var r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            p.load(r);
          }
          out.put(f.getFileName().toString(), p);
        }
      }
    }
    return out;
  }

  /** {@code bin/illbridge passwd admin} with the password on standard input; before {@link Bridge#start()}. */
  void setConsolePassword() throws Exception {
    Process p = new ProcessBuilder(bridge.home.resolve("bin/illbridge").toString(), "passwd", USER)
        .directory(bridge.home.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("illbridge passwd failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }

  /** GET on the web console (HTTP Basic; a GET needs no CSRF token). */
  String console(String path) throws IOException, InterruptedException {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(bridge.url("/system/console" + path))
        .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /system/console" + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** The bundles with this symbolic name, from the console's Bundles page data (version, state). */
  List<JsonNode> bundles(String symbolicName) throws Exception {
    JsonNode all = Bridge.JSON.readTree(console("/bundles.json"));
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode b : all.path("data")) {
      if (symbolicName.equals(b.path("symbolicName").asText())) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * True when exactly one bundle has this name, at this version, and it is active; otherwise throws
   * an error describing what the console shows (so that a timed-out wait says why, e.g. a bundle left
   * "Installed" because an import cannot be resolved).
   */
  boolean onlyActive(String symbolicName, String version) throws Exception {
    List<JsonNode> b = bundles(symbolicName);
    if (b.size() == 1 && version.equals(b.get(0).path("version").asText())
        && "Active".equals(b.get(0).path("state").asText())) {
      return true;
    }
    throw new AssertionError("bundles " + symbolicName + " on the console: " + b);
  }

  /** Outbox rows per status, as the console's Outbox page counts them (all partners). */
  Map<String, Long> outboxCounts() throws Exception {
    String page = console("/illbridge-outbox");
    int start = page.indexOf("id='outbox-counts'");
    if (start < 0) {
      throw new AssertionError("no outbox counts on the console's outbox page:\n" + page);
    }
    Matcher m = OUTBOX_COUNT.matcher(page.substring(start, page.indexOf("</p>", start)));
    Map<String, Long> counts = new LinkedHashMap<>();
    while (m.find()) {
      counts.put(m.group(1), Long.parseLong(m.group(2)));
    }
    if (!counts.containsKey("PENDING") || !counts.containsKey("DEAD")) {
      throw new AssertionError("outbox counts not readable: " + counts);
    }
    return counts;
  }

  /** Lines of logs/illbridge.log containing {@code text}. */
  long logLines(String text) throws IOException {
    Path log = bridge.home.resolve("logs/illbridge.log");
    if (!Files.exists(log)) {
      return 0;
    }
    try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
      return lines.filter(l -> l.contains(text)).count();
    }
  }

  /**
   * Adds a simulated ISO 10161 lender and its directory entry to conf/ of the running server and
   * waits until the simulator listens and the partner is in the directory. (Written after the start
   * on purpose: at start FileInstall rewrites every conf/*.cfg in place, and a file caught half
   * rewritten has been seen to come back empty; see the README.)
   */
  void addSimulatedLender(String key, String agency, String kind, String dialect, Duration timeout)
      throws Exception {
    bridge.simulatedLender(key, agency, kind, dialect, 1.0);
    Await.until("simulated " + kind + " lender " + agency + " listening and partner " + key
        + " in the directory", timeout, () -> {
          if (logLines("Simulated partner not started") > 0) {
            throw new AssertionError("the simulator refused its configuration: see " + bridge.home.resolve("logs"));
          }
          return logLines("Simulated " + kind + " lender " + agency + " listening") == 1
              && logLines("Partner " + key + " created from configuration") == 1;
        });
  }

  /**
   * POST /requests with a note, once the partner is known to the REST API (it reads the directory
   * the partners bundle fills from conf/, about a second after the file appears).
   */
  String requestWithNoteWhenKnown(String requestId, String title, String note, String lender,
      Duration timeout) throws Exception {
    String[] key = new String[1];
    Await.until("partner '" + lender + "' known to the REST API", timeout, () -> {
      try {
        key[0] = requestWithNote(requestId, title, note, lender);
        return true;
      } catch (AssertionError e) {
        if (e.getMessage().contains("no partner '" + lender + "' in the directory")) {
          return false;
        }
        throw e;
      }
    });
    return key[0];
  }

  /** POST /requests with a note for the lender; returns the transaction key (201 or fails). */
  String requestWithNote(String requestId, String title, String note, String... lenders) throws Exception {
    ObjectNode o = (ObjectNode) Bridge.JSON.readTree(
        Bridge.requestJson(requestId, HomeSystem.AGENCY, title, lenders));
    o.put("note", note);
    HttpResponse<String> r = bridge.post("/api/v1/requests", o.toString());
    if (r.statusCode() != 201) {
      throw new AssertionError("request " + requestId + " answered " + r.statusCode() + ": " + r.body());
    }
    return Bridge.JSON.readTree(r.body()).path("key").asText();
  }

  /** The transaction's outbound messages of this type to this partner, with their warnings. */
  static List<JsonNode> sent(JsonNode tx, String partner, String type) {
    return Bridge.messages(tx, "OUTBOUND", partner, type);
  }

  /** The warnings the bridge logged with a message, one string. */
  static String warnings(JsonNode message) {
    StringBuilder b = new StringBuilder();
    for (JsonNode w : message.path("warnings")) {
      b.append(b.length() == 0 ? "" : " | ").append(w.asText());
    }
    return b.toString();
  }
}
