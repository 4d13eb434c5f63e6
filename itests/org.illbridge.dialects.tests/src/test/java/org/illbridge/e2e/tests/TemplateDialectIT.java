package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, item 1: a dialect project generated from the vendor archetype and built outside the
 * reactor is dropped into a running server's deploy/, a partner naming its dialect id is added to
 * conf/, and a request from the home system goes through it to a simulated lender, with the
 * generated dialect's example rule (a note is dropped, with a warning, for a partner that takes no
 * notes) visible in the bridge's log and at the home system. No restart anywhere.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TemplateDialectIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Path dialectJar;
  private static Bridge bridge;
  private static BridgeAdmin admin;
  private static HomeSystem home;

  @BeforeAll
  static void start() throws Exception {
    dialectJar = DialectProject.build("template", "1.0.0", UnaryOperator.identity());
    home = new HomeSystem();
    bridge = BridgeAdmin.startFresh("template-dialect", home, b -> { });
    admin = new BridgeAdmin(bridge);
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home);
  }

  @Test
  void generatedDialectIsHotDeployedAndRoutesAPartner() throws Exception {
    assertTrue(admin.bundles(DialectProject.SYMBOLIC_NAME).isEmpty(), "not installed before the drop");

    // 1. the vendor's jar goes into deploy/ of the running server
    Files.copy(dialectJar, bridge.home.resolve("deploy").resolve(dialectJar.getFileName()));
    Await.until("the generated bundle is active", WAIT,
        () -> admin.onlyActive(DialectProject.SYMBOLIC_NAME, "1.0.0"));
    Await.until("the engine binds dialect '" + DialectProject.DIALECT_ID + "'", WAIT,
        () -> admin.logLines("Dialect '" + DialectProject.DIALECT_ID + "' is available") == 1);

    // 2. a partner whose dialect is the generated one, and its simulated lender (VDX-like, fills all)
    admin.addSimulatedLender("acme", "ACME", "VDX", DialectProject.DIALECT_ID, WAIT);
    String key = admin.requestWithNoteWhenKnown("T-1", "Routed through a vendor dialect",
        "Please rush, the patron is leaving", "acme", WAIT);

    // 3. the request went to the lender through the generated dialect, once, and the loan ships
    Await.until("the lender ships", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    JsonNode tx = bridge.awaitMessages(key, "OUTBOUND", "acme", "REQUEST", 1, WAIT);
    JsonNode request = BridgeAdmin.sent(tx, "acme", "REQUEST").get(0);
    assertEquals("sent", request.path("result").asText(), request.toString());
    String warning = BridgeAdmin.warnings(request);
    assertTrue(warning.contains("note was not sent") && warning.contains(DialectProject.DIALECT_NAME),
        "the generated dialect's notes rule ran: " + request);
    assertEquals("acme", tx.path("supplier").path("partner").asText());

    // 4. the home system hears of the dropped note and of the shipment
    Await.until("the home system is told the note was not sent", WAIT,
        () -> home.about("T-1", key, null).stream()
            .anyMatch(w -> w.toString().contains("note was not sent")));
    Await.until("home system told of Shipped", WAIT, () -> !home.about("T-1", key, "SHIPPED").isEmpty());
    assertTrue(home.allSigned(), "every webhook is signed");

    // the same server process all along: one start in its log, still running
    assertEquals(1, admin.logLines("ILL Bridge started in"), "no restart");
    assertTrue(bridge.isAlive());
    List<JsonNode> bundles = admin.bundles(DialectProject.SYMBOLIC_NAME);
    assertEquals(1, bundles.size());
    assertFalse(admin.logLines("Dialect '" + DialectProject.DIALECT_ID + "' is gone") > 0);
  }
}
