package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server starts without the VDX dialect; a request for the VDX-like lender is held (not sent,
 * not lost) until the dialect bundle is dropped into deploy/, then it flows at once: the held row
 * waits ten minutes between re-checks here, so only the release when the dialect appears can send
 * it within the test's minute.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LateDialectIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Bridge bridge;
  private static HomeSystem home;
  private static Path dialectJar;

  @BeforeAll
  static void start() throws Exception {
    home = new HomeSystem();
    bridge = Bridge.prepare("late-dialect");
    bridge.conf("org.illbridge.engine.cfg", "homePartnerKey=home\nholdDelaySeconds=600\ntimerPollSeconds=2\n");
    bridge.installSimulator();
    dialectJar = bridge.takeOutBundle("org.illbridge.dialect.vdx", bridge.home.resolve("held-back"));
    bridge.homePartner(HomeSystem.AGENCY, home.port());
    bridge.simulatedLender("vdx", "BRCZ", "VDX", "vdx", 1.0);
    bridge.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home);
  }

  @Test
  void dialectInstalledAfterTheRequestReleasesTheHeldMessage() throws Exception {
    String key = bridge.createRequest("D-1", HomeSystem.AGENCY, "Held for a dialect", "vdx");
    assertEquals("vdx", bridge.transaction(key).path("supplier").path("partner").asText());
    // the first delivery attempt finds no dialect and holds the row: nothing may be sent meanwhile
    Thread.sleep(5000);
    JsonNode tx = bridge.transaction(key);
    assertEquals("REQUESTED", tx.path("state").asText());
    assertTrue(Bridge.messages(tx, "OUTBOUND", "vdx", null).isEmpty(),
        "nothing sent to the VDX lender while its dialect is missing: " + tx);

    Files.copy(dialectJar, bridge.home.resolve("deploy").resolve(dialectJar.getFileName()));
    Await.until("the held request is sent (long before its 10-minute hold) and the VDX lender ships", WAIT,
        () -> "SHIPPED".equals(bridge.state(key)));
    bridge.awaitMessages(key, "OUTBOUND", "vdx", "REQUEST", 1, WAIT);
    Thread.sleep(2000); // and it stays at one: the release does not send it twice
    tx = bridge.awaitMessages(key, "OUTBOUND", "vdx", "REQUEST", 1, WAIT);
    Await.until("home system told of Shipped", WAIT, () -> !home.about("D-1", key, "SHIPPED").isEmpty());
  }
}
