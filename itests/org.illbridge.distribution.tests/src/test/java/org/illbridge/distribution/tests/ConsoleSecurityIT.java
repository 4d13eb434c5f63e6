package org.illbridge.distribution.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.illbridge.itests.support.ConsoleClient;
import org.illbridge.itests.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A first start as a newcomer does it: no password configured, nothing but the distribution. */
class ConsoleSecurityIT {
  private static ServerProcess server;
  private static String password;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.prepare("security").start();
    password = server.generatedPassword();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static int statusWith(String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url("/system/console/bundles"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient()
        .send(b.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void consoleRefusesAnonymousAndTheFelixDefaultCredentials() throws Exception {
    assertEquals(401, statusWith(null));
    assertEquals(401, statusWith(ServerProcess.basic("admin", "admin")));
    assertEquals(401, statusWith(ServerProcess.basic("admin", password + "x")));
  }

  @Test
  void generatedPasswordLogsInAndOnlyItsHashIsStored() throws Exception {
    assertEquals(200, statusWith(ServerProcess.basic("admin", password)));
    Path cfg = server.home.resolve("conf/org.illbridge.console.security.cfg");
    assertTrue(Files.exists(cfg), "the generated password's hash is kept in conf/");
    String stored = Files.readString(cfg);
    assertFalse(stored.contains(password), "the plain password must not be written to disk");
    assertTrue(stored.contains("admin.password.hash=pbkdf2-sha256$"), "stored: " + stored);
    try (var files = Files.walk(server.home)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && Files.size(p) < 5_000_000 && !p.toString().endsWith(".jar")
            && !p.toString().contains("/logs/") && !p.toString().contains("/cache/")) {
          assertFalse(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).contains(password),
              "plain password found in " + p);
        }
      }
    }
  }

  @Test
  void everyBundleOfTheDistributionIsActive() throws Exception {
    JsonNode bundles = new ConsoleClient(server, "admin", password).bundles();
    List<String> notActive = new ArrayList<>();
    for (JsonNode b : bundles) {
      String state = b.path("state").asText();
      if (!state.equals("Active") && !state.equals("Fragment")) {
        notActive.add(b.path("symbolicName").asText() + "=" + state);
      }
    }
    assertTrue(bundles.size() > 15, "bundles listed: " + bundles.size());
    assertTrue(notActive.isEmpty(), "bundles not active: " + notActive);
  }

  @Test
  void browserPostWithoutCsrfTokenIsRefused() throws Exception {
    ConsoleClient console = new ConsoleClient(server, "admin", password);
    String self = "http://127.0.0.1:" + server.httpPort;
    // a cross-site form post riding on the admin's remembered credentials
    HttpResponse<String> crossSite =
        console.postForm("/system/console/bundles/0", Map.of("action", "start"),
            Map.of("Origin", "http://evil.example"));
    assertEquals(403, crossSite.statusCode(), crossSite.body());
    // even from the console's own origin a browser request needs the token
    HttpResponse<String> sameOrigin =
        console.postForm("/system/console/bundles/0", Map.of("action", "start"),
            Map.of("Origin", self, "Referer", self + "/system/console/bundles"));
    assertEquals(403, sameOrigin.statusCode(), sameOrigin.body());
    // a script with explicit credentials and no browser headers is not a CSRF vector
    long api = console.bundle("org.illbridge.api").path("id").asLong();
    HttpResponse<String> script = // starting an active bundle changes nothing
        console.postForm("/system/console/bundles/" + api, Map.of("action", "start"), Map.of());
    assertTrue(script.statusCode() < 400, "script POST answered " + script.statusCode());
  }

  @Test
  void startupTellsTheAdminWhereTheConsoleIs() throws Exception {
    assertTrue(
        server.awaitOutput(l -> l.contains("http://127.0.0.1:" + server.httpPort + "/system/console"),
                java.time.Duration.ofSeconds(5)).isPresent(),
        server.output());
  }
}
