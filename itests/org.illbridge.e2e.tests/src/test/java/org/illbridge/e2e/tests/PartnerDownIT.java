package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A lender is down for a while (simulator {@code downPeriods}: its TCP port refuses connections
 * for the first {@value #DOWN_MS} ms after it started). Requests (and, for some, the home system's
 * Cancel behind them) are accepted and queued; the outbox retries with backoff (short here:
 * {@code conf/org.illbridge.store.outbox.cfg}); nothing reaches the lender while it is down. When
 * it is back the backlog drains: from the bridge's message log, every message delivered exactly
 * once, and per transaction in the order it was queued (Request before Cancel) — which the lender
 * confirms: it answers the Cancel with yes (it knew the request), never ships those, and ships the
 * others.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PartnerDownIT {
  static final int DOWN_MS = 45_000;
  static final int N = 6;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration DRAIN = Duration.ofSeconds(120);
  private static Bridge bridge;
  private static HomeSystem home;

  @BeforeAll
  static void start() throws Exception {
    home = new HomeSystem();
    bridge = Bridge.prepare("partner-down");
    bridge.installSimulator();
    bridge.homePartner(HomeSystem.AGENCY, home.port());
    bridge.simulatedLender("down", "BRCZ", "VDX", "vdx", 1.0);
    // answers come 6 s after what they answer, so a Cancel queued behind its Request reaches the
    // lender before the lender's Will-Supply is due
    edit("org.illbridge.simulator.partner-down.cfg", "answerDelayMs=300\n",
        "answerDelayMs=6000\ndownPeriods=0-" + DOWN_MS + "\n");
    bridge.conf("org.illbridge.iso10161.tcp.cfg", "port=" + bridge.tcpPort
        + "\nbindAddress=127.0.0.1\nidleTimeoutSeconds=3\n");
    // retries: 1 s, 2 s, 4 s ... at most 1 min apart (half of it jitter)
    bridge.conf("org.illbridge.store.outbox.cfg",
        "initialBackoffSeconds=1\nmaxBackoffMinutes=1\npollIntervalMillis=100\nmaxAttempts=20\n");
    bridge.start();
  }

  private static void edit(String file, String from, String to) throws Exception {
    Path p = bridge.home.resolve("conf").resolve(file);
    String s = Files.readString(p);
    if (!s.contains(from)) {
      throw new IllegalStateException(file + " has no '" + from + "':\n" + s);
    }
    Files.writeString(p, s.replace(from, to));
  }

  private static String log() throws Exception {
    return Files.readString(bridge.home.resolve("logs/illbridge.log"));
  }

  private static boolean lenderUp() throws Exception {
    return log().contains("Simulated partner BRCZ is up again");
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home);
  }

  @Test
  void backlogDrainsExactlyOnceInOrderWhenTheLenderIsBack() throws Exception {
    assertTrue(log().contains("Simulated partner BRCZ goes down"), "the lender started down");
    assertFalse(lenderUp(), "the server took longer to start than the down period");
    Map<String, String> keys = new LinkedHashMap<>(); // request id -> bridge key
    for (int i = 1; i <= N; i++) {
      String id = "PD-" + i;
      keys.put(id, bridge.createRequest(id, HomeSystem.AGENCY, "Queued while down " + i, "down"));
      if (i % 2 == 0) {
        bridge.action(keys.get(id), "cancel"); // queued behind the Request
      }
    }
    // several retries go by (1 s, then 2 s ...): nothing is delivered while the lender is down
    Thread.sleep(4000);
    for (String key : keys.values()) {
      JsonNode tx = bridge.transaction(key);
      assertTrue(Bridge.messages(tx, "OUTBOUND", "down", null).isEmpty(),
          "nothing can have reached the lender yet: " + tx.toPrettyString());
    }
    assertFalse(lenderUp(), "the check above ran while the lender was down (make DOWN_MS longer)");
    long upAt;
    Await.until("the lender is up again", Duration.ofMillis(DOWN_MS + 30_000L), PartnerDownIT::lenderUp);
    upAt = System.nanoTime();

    for (Map.Entry<String, String> e : keys.entrySet()) {
      boolean cancelled = Integer.parseInt(e.getKey().substring(3)) % 2 == 0;
      String key = e.getValue();
      String expected = cancelled ? "CANCELLED" : "SHIPPED";
      Await.until(e.getKey() + " " + expected, DRAIN, () -> expected.equals(bridge.state(key)));
    }
    double drained = (System.nanoTime() - upAt) / 1e9;
    for (Map.Entry<String, String> e : keys.entrySet()) {
      boolean cancelled = Integer.parseInt(e.getKey().substring(3)) % 2 == 0;
      String key = e.getValue();
      JsonNode tx = bridge.awaitMessages(key, "OUTBOUND", "down", "REQUEST", 1, WAIT);
      if (cancelled) {
        tx = bridge.awaitMessages(key, "OUTBOUND", "down", "CANCEL", 1, WAIT);
      }
      List<JsonNode> out = Bridge.messages(tx, "OUTBOUND", "down", null);
      assertEquals(cancelled ? 2 : 1, out.size(), "each message delivered once: " + tx.toPrettyString());
      assertEquals("REQUEST", out.get(0).path("type").asText(), "the Request goes first");
      if (cancelled) {
        assertEquals("CANCEL", out.get(1).path("type").asText());
        assertTrue(out.get(0).path("id").asLong() < out.get(1).path("id").asLong()
            // as instants: ISO text drops a zero fraction ("...:26Z" sorts after "...:26.033Z")
            && !Instant.parse(out.get(0).path("at").asText())
                .isAfter(Instant.parse(out.get(1).path("at").asText())),
            "Request logged as sent before the Cancel: " + out);
        assertFalse(Bridge.messages(tx, "INBOUND", "down", "CANCEL_REPLY").isEmpty(),
            "the lender knew the request when the Cancel came");
        assertTrue(Bridge.messages(tx, "INBOUND", "down", "SHIPPED").isEmpty());
      } else {
        assertFalse(Bridge.messages(tx, "INBOUND", "down", "SHIPPED").isEmpty());
        Await.until("home told of Shipped for " + e.getKey(), WAIT,
            () -> !home.about(e.getKey(), key, "SHIPPED").isEmpty());
      }
    }
    assertTrue(home.allSigned());
    System.out.printf("partner down: %d requests (%d with a Cancel behind) drained %.1f s after the"
        + " lender came back%n", N, N / 2, drained);
  }
}
