package org.illbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path home;

  private void layout() throws IOException {
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("bundle"));
    Files.createDirectories(home.resolve("demo/conf"));
    Files.createDirectories(home.resolve("demo/bundle"));
    Files.writeString(home.resolve("conf/illbridge.properties"), "org.osgi.service.http.port=8080\n");
    Files.writeString(home.resolve("conf/org.illbridge.engine.cfg"), "homePartnerKey=x\n");
    Files.writeString(home.resolve("bundle/a.jar"), "a");
    Files.writeString(home.resolve("demo/conf/org.illbridge.engine.cfg"), "homePartnerKey=home\n");
    Files.writeString(home.resolve("demo/conf/" + DemoCommand.HOME_SIMULATOR_CFG),
        "apiKey=the-demo-key\nmaxRequests=40\nrequestsPerMinute=20\n");
    Files.writeString(home.resolve("demo/bundle/sim.jar"), "s");
  }

  @Test
  void buildsAFreshRunFolderFromTheDistributionAndTheDemoSet() throws Exception {
    layout();
    Path run = DemoCommand.prepare(home);
    Files.writeString(run.resolve("data/left-over"), "x");
    run = DemoCommand.prepare(home);
    assertEquals(home.resolve("demo-run"), run);
    assertFalse(Files.exists(run.resolve("data/left-over")), "cleaned each time");
    assertTrue(Files.exists(run.resolve("bundle/a.jar")));
    assertTrue(Files.exists(run.resolve("bundle/sim.jar")));
    assertFalse(Files.exists(home.resolve("bundle/sim.jar")), "the simulator never goes to bundle/");
    assertEquals("homePartnerKey=home\n", Files.readString(run.resolve("conf/org.illbridge.engine.cfg")),
        "the demo's configuration wins");
    assertTrue(Files.exists(run.resolve("conf/illbridge.properties")));
    assertTrue(Files.isDirectory(run.resolve("deploy")));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DemoCommand.banner(run, new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Demo API key (X-API-Key): the-demo-key"), text);
    assertTrue(text.contains("40 requests (20 a minute)"), text);
  }

  @Test
  void missingDemoSetIsAClearError() {
    IOException e = assertThrows(IOException.class, () -> DemoCommand.prepare(home));
    assertTrue(e.getMessage().contains("demo"), e.getMessage());
  }

  @Test
  void neverDeletesAnythingButADemoFolder() throws Exception {
    Files.createDirectories(home.resolve("data"));
    assertThrows(IOException.class, () -> DemoCommand.deleteTree(home.resolve("data")));
    assertTrue(Files.exists(home.resolve("data")));
  }
}
