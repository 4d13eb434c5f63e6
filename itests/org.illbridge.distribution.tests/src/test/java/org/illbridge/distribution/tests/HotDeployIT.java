package org.illbridge.distribution.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.ConsoleClient;
import org.illbridge.itests.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dialect bundle goes live and away while the server runs: deploy/ and console upload. */
class HotDeployIT {
  private static final String EXAMPLE = "org.illbridge.itests.dialect.example";
  private static final String DIALECT = "org.illbridge.api.dialect.Dialect";
  private static final String PASSWORD = "hot-deploy-test-password";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static ServerProcess server;
  private static ConsoleClient console;
  private static Path exampleJar;

  @BeforeAll
  static void start() throws Exception {
    server = ServerProcess.prepare("hotdeploy");
    server.setPassword("admin", PASSWORD);
    server.start();
    console = new ConsoleClient(server, "admin", PASSWORD);
    exampleJar = Path.of(System.getProperty("illbridge.testBundles"), EXAMPLE + ".jar");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static boolean dialectRegistered() throws Exception {
    return console.services(DIALECT, EXAMPLE) == 1;
  }

  @Test
  void dialectDroppedIntoDeployIsLiveAndRemovingItUnregistersIt() throws Exception {
    Path deployed = server.home.resolve("deploy").resolve(EXAMPLE + ".jar");
    Files.copy(exampleJar, deployed);
    Await.until("dialect service from deploy/", WAIT, HotDeployIT::dialectRegistered);
    assertEquals("Active", console.bundle(EXAMPLE).path("state").asText());

    Files.delete(deployed);
    Await.until("bundle uninstalled after removal", WAIT, () -> console.bundle(EXAMPLE) == null);
    assertEquals(0, console.services(DIALECT, EXAMPLE));
  }

  @Test
  void dialectUploadedOnTheBundlesPageIsLiveAndUninstallRemovesIt() throws Exception {
    Await.until("no example bundle left by another test", WAIT, () -> console.bundle(EXAMPLE) == null);
    HttpResponse<String> r = console.upload(EXAMPLE + ".jar", Files.readAllBytes(exampleJar));
    assertTrue(r.statusCode() == 302 || r.statusCode() == 200, "upload answered " + r.statusCode());
    Await.until("dialect service from upload", WAIT, HotDeployIT::dialectRegistered);

    long id = console.bundle(EXAMPLE).path("id").asLong();
    console.postForm("/system/console/bundles/" + id, Map.of("action", "uninstall"), Map.of());
    Await.until("uninstalled", WAIT, () -> console.bundle(EXAMPLE) == null);
    assertEquals(0, console.services(DIALECT, EXAMPLE));
  }

  @Test
  void dialectUploadedOnTheBundlesPageIsStillActiveAfterARestart() throws Exception {
    Await.until("no example bundle left by another test", WAIT, () -> console.bundle(EXAMPLE) == null);
    console.upload(EXAMPLE + ".jar", Files.readAllBytes(exampleJar));
    Await.until("dialect service from upload", WAIT, HotDeployIT::dialectRegistered);

    server.restart();
    Await.until("dialect service after the restart", WAIT, HotDeployIT::dialectRegistered);
    assertEquals("Active", console.bundle(EXAMPLE).path("state").asText());

    long id = console.bundle(EXAMPLE).path("id").asLong();
    console.postForm("/system/console/bundles/" + id, Map.of("action", "uninstall"), Map.of());
    Await.until("uninstalled", WAIT, () -> console.bundle(EXAMPLE) == null);
  }

  @Test
  void bundleWithMissingImportStaysInstalledWithTheReasonShown() throws Exception {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Bundle-ManifestVersion", "2");
    a.putValue("Bundle-SymbolicName", "org.illbridge.itests.unresolvable");
    a.putValue("Bundle-Version", "1.0.0");
    a.putValue("Import-Package", "com.example.missing");
    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    new JarOutputStream(jar, m).close();

    console.upload("unresolvable.jar", jar.toByteArray());
    Await.until("unresolvable bundle installed", WAIT,
        () -> console.bundle("org.illbridge.itests.unresolvable") != null);
    JsonNode b = console.bundle("org.illbridge.itests.unresolvable");
    assertEquals("Installed", b.path("state").asText());
    String detail = console.get("/system/console/bundles/" + b.path("id").asLong() + ".json").body();
    assertTrue(detail.contains("com.example.missing"), detail);
    assertNotNull(console.bundle("org.illbridge.api"), "server keeps running");
  }

  @Test
  void uploadOfSomethingThatIsNotABundleGetsAClearErrorAndTheServerKeepsRunning() throws Exception {
    HttpResponse<String> r =
        console.upload("notes.jar", "this is not a jar".getBytes(StandardCharsets.UTF_8));
    assertTrue(r.statusCode() >= 400, "answered " + r.statusCode());
    assertTrue(r.body().contains("not an OSGi bundle"), r.body());
    assertEquals(200, console.get("/system/console/bundles.json").statusCode());
  }
}
