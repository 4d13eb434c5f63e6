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
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.illbridge.iso10161.testsupport.YazIllPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Loans end to end through the real server: the test is the home ILL system (REST API in,
 * signed webhooks out); the lenders are the project's simulators running inside the server,
 * set up like any partner from {@code conf/*.cfg}; the ISO 10161 requester is YAZ's
 * yaz-illclient.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoanLifecycleIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Bridge bridge;
  private static HomeSystem home;

  @BeforeAll
  static void start() throws Exception {
    home = new HomeSystem();
    bridge = Bridge.prepare("lifecycle");
    bridge.installSimulator();
    bridge.homePartner(HomeSystem.AGENCY, home.port());
    // the home library's own Blocked Lenders List (seed 000) names "banned"
    bridge.conf("org.illbridge.partner-home.cfg", Files.readString(bridge.home.resolve("conf/org.illbridge.partner-home.cfg"))
        + "blockedLenders=banned\n");
    bridge.conf("org.illbridge.partner-banned.cfg", "key=banned\nname=Blocked by home\nids=NUC:BANND\n"
        + "protocol=ISO10161\nendpoints=tcp://127.0.0.1:" + Bridge.freePort() + "\n");
    bridge.simulatedLender("lvl1", "BLVA", "VDX", "vdx", 1.0); // two lenders only the load-levelling test uses
    bridge.simulatedLender("lvl2", "BLVB", "VDX", "vdx", 1.0);
    bridge.simulatedLender("relais", "BVAU", "RELAIS", "relais", 1.0);    // fills: never answers
    bridge.simulatedLender("relaisno", "BKUX", "RELAIS", "relais", 0.0);  // answers Unfilled
    bridge.simulatedLender("vdx", "BRCZ", "VDX", "vdx", 1.0);
    bridge.simulatedLender("peer", "ISIL:CA-E2E-PEER", "ISO18626", "standard", 1.0);
    // the ISO 10161 requester yaz-illclient plays (its file says institution BVAS)
    bridge.conf("org.illbridge.partner-sfu.cfg", "key=sfu\nname=SFU (yaz-illclient)\n"
        + "ids=OTHER:BVAS\nprotocol=ISO10161\nendpoints=tcp://127.0.0.1:" + Bridge.freePort() + "\n");
    bridge.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home);
  }

  @Test
  void relaisLikeLenderLifecycleWithoutShipped() throws Exception {
    String key = bridge.createRequest("A-1", HomeSystem.AGENCY, "Relais never ships", "relais");
    Await.until("ILL-Request delivered to the Relais-like lender over TCP", WAIT, () ->
        !Bridge.messages(bridge.transaction(key), "OUTBOUND", "relais", "REQUEST").isEmpty());
    JsonNode tx = bridge.transaction(key);
    assertEquals("relais", tx.path("supplier").path("partner").asText());
    assertEquals(key + "-1", tx.path("supplier").path("requesterTransactionId").asText());
    Thread.sleep(1500); // the simulator answers within 300 ms when it answers at all
    assertEquals("REQUESTED", bridge.state(key), "Relais sends nothing for a filled request");

    bridge.action(key, "received"); // the book arrived although no Shipped ever came
    Await.until("RECEIVED", WAIT, () -> "RECEIVED".equals(bridge.state(key)));
    bridge.action(key, "returned");
    Await.until("Checked-In from Relais completes the loan", WAIT,
        () -> "LOAN_COMPLETED".equals(bridge.state(key)));
    // Relais may answer Checked-In before the bridge has logged its own send: wait for the log
    Await.until("Returned logged as sent", WAIT, () ->
        !Bridge.messages(bridge.transaction(key), "OUTBOUND", "relais", "RETURNED").isEmpty());
    tx = bridge.transaction(key);
    assertFalse(Bridge.messages(tx, "INBOUND", "relais", "CHECKED_IN").isEmpty(), "Checked-In logged");
    assertTrue(Bridge.messages(tx, "INBOUND", "relais", "SHIPPED").isEmpty());
    Await.until("home system told of Checked-In", WAIT,
        () -> !home.about("A-1", key, "CHECKED_IN").isEmpty());
    assertTrue(home.allSigned(), "every webhook carries a valid HMAC signature");
  }

  @Test
  void iso18626PeerThroughToLoanCompleted() throws Exception {
    String key = bridge.createRequest("B-1", HomeSystem.AGENCY, "An 18626 loan", "peer");
    Await.until("Loaned from the ISO 18626 peer", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    Await.until("home system told of Shipped", WAIT, () -> !home.about("B-1", key, "SHIPPED").isEmpty());
    JsonNode shipped = home.about("B-1", key, "SHIPPED").get(0);
    assertFalse(shipped.path("dueDate").asText().isEmpty(), "the due date reaches the home system");
    bridge.action(key, "received");
    Await.until("RECEIVED", WAIT, () -> "RECEIVED".equals(bridge.state(key)));
    bridge.action(key, "returned");
    Await.until("LoanCompleted", WAIT, () -> "LOAN_COMPLETED".equals(bridge.state(key)));
    JsonNode tx = bridge.transaction(key);
    assertEquals("peer", tx.path("supplier").path("partner").asText());
    for (String type : List.of("REQUEST", "RECEIVED", "RETURNED")) {
      tx = bridge.awaitMessages(key, "OUTBOUND", "peer", type, 1, WAIT); // sent once
    }
    for (String type : List.of("WILL_SUPPLY", "SHIPPED", "CHECKED_IN")) {
      assertFalse(Bridge.messages(tx, "INBOUND", "peer", type).isEmpty(), type + " received");
    }
    Await.until("home system told of LoanCompleted", WAIT,
        () -> !home.about("B-1", key, "CHECKED_IN").isEmpty());
  }

  @Test
  void rotaMovesToTheSecondLenderAfterUnfilled() throws Exception {
    String key = bridge.createRequest("C-1", HomeSystem.AGENCY, "Rota book", "relaisno", "vdx");
    Await.until("Shipped by the second lender", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    JsonNode tx = bridge.transaction(key);
    assertEquals("vdx", tx.path("supplier").path("partner").asText());
    assertEquals(1, tx.path("lenderPosition").asInt(), "0-based: the second lender");
    assertEquals(key + "-2", tx.path("supplier").path("requesterTransactionId").asText(),
        "a fresh transaction id for the second lender");
    assertFalse(Bridge.messages(tx, "INBOUND", "relaisno", "UNFILLED").isEmpty());
    bridge.awaitMessages(key, "OUTBOUND", "vdx", "REQUEST", 1, WAIT);
    Await.until("home system told of Shipped", WAIT, () -> !home.about("C-1", key, "SHIPPED").isEmpty());
    assertTrue(home.about("C-1", key, "UNFILLED").isEmpty(),
        "the home system hears nothing of the first lender's Unfilled");
  }

  @Test
  void theHomeLibrarysBlockedLenderIsSkippedAndEqualCandidatesAreAskedLeastLoadedFirst() throws Exception {
    String first = bridge.createRequest("D-1", HomeSystem.AGENCY, "Load for lvl1", "lvl1");
    Await.until("lvl1 has lent once", WAIT, () -> "SHIPPED".equals(bridge.state(first)));
    // ["banned", ["lvl1", "lvl2"]]: banned is on home's list; lvl2 (no load) before lvl1 (one loan)
    com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode)
        Bridge.JSON.readTree(Bridge.requestJson("D-2", HomeSystem.AGENCY, "Levelled", "banned"));
    request.putArray("lenders").add("banned").addArray().add("lvl1").add("lvl2");
    String key = bridge.rest.createRequest(request.toString());
    Await.until("Shipped by the least loaded candidate", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    JsonNode tx = bridge.transaction(key);
    assertEquals("lvl2", tx.path("supplier").path("partner").asText(), tx.toString());
    assertEquals(List.of("banned", "lvl2", "lvl1"),
        Bridge.JSON.convertValue(tx.path("lenders"), List.class), "the levelled rota as stored");
    assertTrue(Bridge.messages(tx, "OUTBOUND", "banned", "REQUEST").isEmpty(), "nothing sent to a blocked lender");
  }

  @Test
  void yazPeerRequestIsStoredAndRoutedToTheHomeSystem() throws Exception {
    // A real ISO 10161 requester: libyaz builds and encodes the ILL-Request (yaz-illclient's own
    // builder and parameter file); Debian's yaz package ships the library, not yaz-illclient.
    YazIllPeer peer = YazIllPeer.get(bridge.home.resolve("yaz"));
    Path request = Files.createDirectories(bridge.home.resolve("yaz")).resolve("request-full.txt");
    try (var in = LoanLifecycleIT.class.getResourceAsStream("/yaz-request-full.txt")) {
      Files.copy(in, request);
    }
    YazIllPeer.Result sent = peer.send(bridge.tcpPort, "-f", request.toString(), "--no-reply", "-t", "10");
    assertEquals(YazIllPeer.OK, sent.exit(), sent.toString());
    String out = sent.toString();
    Await.until("transaction from the YAZ peer stored", WAIT, () -> {
      JsonNode list = Bridge.JSON.readTree(bridge.get("/api/v1/transactions?partner=sfu").body());
      return list.path("items").size() == 1;
    });
    JsonNode item = Bridge.JSON.readTree(bridge.get("/api/v1/transactions?partner=sfu").body())
        .path("items").get(0);
    assertEquals("GRP-2024/REQ-000123", item.path("requester").path("requesterTransactionId").asText(), out);
    assertEquals("sfu", item.path("requester").path("partner").asText());
    assertTrue(item.path("item").asText().contains("The Java Language Specification"));
    String key = item.path("key").asText();
    Await.until("the request reaches the home system by webhook", WAIT, () ->
        home.received.stream().anyMatch(w -> "REQUEST".equals(w.body().path("type").asText())
            && w.body().path("item").path("title").asText().equals("The Java Language Specification")));
    JsonNode tx = bridge.transaction(key);
    assertEquals(1, Bridge.messages(tx, "INBOUND", "sfu", "REQUEST").size());
  }
}
