package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Lost Shipped (seed 000: "Occasionally these Shipped messages sent from the ISO partner are
 * lost-in-transit"): VDX-like simulated lenders ship but their Shipped never reaches the bridge
 * (simulator {@code lostMessages=SHIPPED}). Days are shortened with the engine's test-only
 * {@code dayLength} (a day lasts {@value #DAY_SECONDS} s; the lenders have 1 day to respond).
 *
 * <ul>
 *   <li>A lender whose dialect takes Status-Query (standard ISO 10161): when its days are up the
 *       bridge asks for its status with the same ids, the lender reports "shipped", and the
 *       transaction becomes SHIPPED and the home system is told, without moving to another lender.
 *   <li>A lender with the VDX dialect, which sends only the basic messages (no Status-Query, seed
 *       000 "keep it simple"): when its days are up the rota moves to the next lender with a fresh
 *       id, which ships.
 * </ul>
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LostShippedIT {
  static final int DAY_SECONDS = 5;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Bridge bridge;
  private static HomeSystem home;

  @BeforeAll
  static void start() throws Exception {
    home = new HomeSystem();
    bridge = Bridge.prepare("lost-shipped");
    bridge.installSimulator();
    bridge.homePartner(HomeSystem.AGENCY, home.port());
    bridge.simulatedLender("std", "BRCZ", "VDX", "standard", 1.0);
    bridge.simulatedLender("vdx", "BRCY", "VDX", "vdx", 1.0);
    bridge.simulatedLender("next", "BKUX", "VDX", "vdx", 1.0); // ships normally
    for (String key : new String[] {"std", "vdx"}) {
      edit("org.illbridge.partner-" + key + ".cfg", "daysToRespond=7", "daysToRespond=1");
      edit("org.illbridge.simulator.partner-" + key + ".cfg", "seed=7\n",
          "seed=7\nlostMessages=SHIPPED\n");
    }
    // one day of days-to-respond lasts DAY_SECONDS; the status-query grace (24 h) as much
    bridge.conf("org.illbridge.engine.cfg", "homePartnerKey=home\nholdDelaySeconds=1\n"
        + "timerPollSeconds=1\ndayLength=PT" + DAY_SECONDS + "S\n");
    bridge.start();
  }

  private static Path conf(String file) {
    return bridge.home.resolve("conf").resolve(file);
  }

  private static void edit(String file, String from, String to) throws Exception {
    String s = Files.readString(conf(file));
    if (!s.contains(from)) {
      throw new IllegalStateException(file + " has no '" + from + "':\n" + s);
    }
    Files.writeString(conf(file), s.replace(from, to));
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home);
  }

  private static JsonNode awaitCount(String key, String direction, String partner, String type,
      int count) throws Exception {
    try {
      return bridge.awaitMessages(key, direction, partner, type, count, WAIT);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ":\n" + bridge.transaction(key).toPrettyString(), e);
    }
  }

  private static boolean lostOnPurpose(String requesterTxId) throws Exception {
    return Files.readString(bridge.home.resolve("logs/illbridge.log"))
        .contains("SHIPPED of CA-E2E-HOME//" + requesterTxId + " lost on purpose");
  }

  @Test
  void statusQueryAfterDaysToRespondRecoversTheLostShipped() throws Exception {
    long t0 = System.nanoTime();
    String key = bridge.createRequest("LS-1", HomeSystem.AGENCY, "Shipped but never said so",
        "std", "next");
    Await.until("Will-Supply from the lender", WAIT,
        () -> !Bridge.messages(bridge.transaction(key), "INBOUND", "std", "WILL_SUPPLY").isEmpty());
    Await.until("the simulator loses its Shipped", WAIT, () -> lostOnPurpose(key + "-1"));
    assertEquals("WILL_SUPPLY", bridge.state(key), "no Shipped arrived");

    Await.until("SHIPPED recovered through the status query", WAIT,
        () -> "SHIPPED".equals(bridge.state(key)));
    double recoveredAfter = (System.nanoTime() - t0) / 1e9;
    assertTrue(recoveredAfter >= DAY_SECONDS - 1,
        "not before one day of days-to-respond (" + DAY_SECONDS + " s), was " + recoveredAfter + " s");

    JsonNode tx = awaitCount(key, "OUTBOUND", "std", "STATUS_QUERY", 1);
    assertEquals("std", tx.path("supplier").path("partner").asText(), "still the first lender");
    assertEquals(0, tx.path("lenderPosition").asInt());
    assertEquals(key + "-1", tx.path("supplier").path("requesterTransactionId").asText(),
        "same ids: no fresh attempt");
    assertTrue(Bridge.messages(tx, "INBOUND", "std", "SHIPPED").isEmpty(), "no Shipped ever arrived");
    JsonNode report = Bridge.messages(tx, "INBOUND", "std", "STATUS_REPORT").get(0);
    assertTrue(report.path("id").asLong() > Bridge.messages(tx, "INBOUND", "std", "WILL_SUPPLY")
        .get(0).path("id").asLong(), "the lender's status report came after its Will-Supply");
    Await.until("home system told of Shipped", WAIT, () -> !home.about("LS-1", key, "SHIPPED").isEmpty());

    // Two more days go by: the timers were stopped, nothing more is asked, the rota stays put.
    Thread.sleep(2L * DAY_SECONDS * 1000 + 2000);
    tx = bridge.transaction(key);
    assertEquals("SHIPPED", tx.path("state").asText());
    assertEquals(1, Bridge.messages(tx, "OUTBOUND", "std", "STATUS_QUERY").size(), "one query only");
    assertTrue(Bridge.messages(tx, "OUTBOUND", "next", null).isEmpty(),
        "nothing sent to the second lender: " + tx.toPrettyString());
    assertEquals(1, home.about("LS-1", key, "SHIPPED").size(), "the home system is told once");
    assertTrue(home.allSigned());
    System.out.printf("lost Shipped recovered by status query %.1f s after the request (a day = %d s)%n",
        recoveredAfter, DAY_SECONDS);
  }

  @Test
  void aLenderThatTakesNoStatusQueryIsLeftWhenItsDaysAreUp() throws Exception {
    String key = bridge.createRequest("LS-2", HomeSystem.AGENCY, "VDX shipped, never said so",
        "vdx", "next");
    Await.until("the simulator loses its Shipped", WAIT, () -> lostOnPurpose(key + "-1"));
    Await.until("the next lender ships", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    JsonNode tx = awaitCount(key, "OUTBOUND", "next", "REQUEST", 1);
    assertEquals("next", tx.path("supplier").path("partner").asText());
    assertEquals(1, tx.path("lenderPosition").asInt());
    assertEquals(key + "-2", tx.path("supplier").path("requesterTransactionId").asText(),
        "a fresh id for the next lender");
    assertTrue(Bridge.messages(tx, "OUTBOUND", "vdx", "STATUS_QUERY").isEmpty(),
        "the VDX dialect sends basic messages only");
    assertFalse(Bridge.messages(tx, "INBOUND", "next", "SHIPPED").isEmpty());
    Await.until("home system told of Shipped", WAIT, () -> !home.about("LS-2", key, "SHIPPED").isEmpty());
    assertTrue(home.about("LS-2", key, "UNFILLED").isEmpty());
  }
}
