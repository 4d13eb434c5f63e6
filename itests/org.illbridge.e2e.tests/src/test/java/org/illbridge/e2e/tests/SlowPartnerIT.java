package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slow partner does not delay the others. The slow lender is an ISO 18626 peer in this JVM that
 * holds every request's HTTP confirmation (so the bridge's delivery stays in flight) until the
 * test lets it go; the fast lenders are the project's simulators (an ISO 18626 supplier over HTTP
 * and a VDX-like ISO 10161 lender over TCP). Requests to the slow lender are sent first. The fast
 * ones must reach SHIPPED (one LOAN_COMPLETED) while the slow lender's first Request is still in
 * flight, and the slow lender never holds more than the outbox's per-partner share of its threads.
 * Then the slow lender answers and each of its requests is delivered exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SlowPartnerIT {
  static final int SLOW = 8;
  static final int FAST_18626 = 4;
  static final int FAST_VDX = 2;
  /** org.illbridge.store.outbox perPartnerInFlight, set below (the product's default may change). */
  static final int PER_PARTNER = 2;
  /** Below the bridge's 30 s ISO 18626 request timeout: a held delivery never times out. */
  static final Duration HOLD_MAX = Duration.ofSeconds(25);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern REQUEST_ID =
      Pattern.compile("<(?:\\w+:)?requestingAgencyRequestId>([^<]+)</");

  private static Bridge bridge;
  private static HomeSystem home;
  private static HttpServer slowPeer;
  private static final CountDownLatch release = new CountDownLatch(1);
  private static final AtomicBoolean heldTooLong = new AtomicBoolean();
  private static final AtomicInteger holding = new AtomicInteger();
  private static final AtomicInteger maxHolding = new AtomicInteger();
  /** lender-side request id -> Requests received with it */
  private static final Map<String, AtomicInteger> journal = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    home = new HomeSystem();
    slowPeer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slowPeer.createContext("/iso18626", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = REQUEST_ID.matcher(body);
      if (m.find()) {
        journal.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
      }
      int now = holding.incrementAndGet();
      maxHolding.accumulateAndGet(now, Math::max);
      try {
        if (!release.await(HOLD_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
          heldTooLong.set(true);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        holding.decrementAndGet();
      }
      byte[] ok = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" "
          + "version=\"1.2\"><requestConfirmation><confirmationHeader><timestampReceived>2024-01-01T00:00:00Z"
          + "</timestampReceived><messageStatus>OK</messageStatus></confirmationHeader></requestConfirmation>"
          + "</ISO18626Message>").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/xml");
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "slow-peer");
      t.setDaemon(true);
      return t;
    });
    slowPeer.setExecutor(pool);
    slowPeer.start();

    bridge = Bridge.prepare("slow-partner");
    bridge.installSimulator();
    bridge.homePartner(HomeSystem.AGENCY, home.port());
    bridge.conf("org.illbridge.partner-slow.cfg", "key=slow\nids=ISIL:CA-E2E-SLOW\nprotocol=ISO18626\n"
        + "endpoints=http://127.0.0.1:" + slowPeer.getAddress().getPort() + "/iso18626\ndaysToRespond=7\n");
    bridge.simulatedLender("fast", "ISIL:CA-E2E-FAST", "ISO18626", "standard", 1.0);
    bridge.simulatedLender("fastvdx", "BRCZ", "VDX", "vdx", 1.0);
    bridge.conf("org.illbridge.store.outbox.cfg", "initialBackoffSeconds=1\nmaxBackoffMinutes=1\n"
        + "pollIntervalMillis=100\nperPartnerInFlight=" + PER_PARTNER + "\n");
    bridge.conf("org.illbridge.iso10161.tcp.cfg", "port=" + bridge.tcpPort
        + "\nbindAddress=127.0.0.1\nidleTimeoutSeconds=3\n");
    bridge.start();
  }

  @AfterAll
  static void stop() throws Exception {
    release.countDown();
    Closer.closeAll(bridge, slowPeer == null ? null : () -> slowPeer.stop(0), home);
  }

  @Test
  void fastLendersCompleteWhileTheSlowLendersFirstRequestIsInFlight() throws Exception {
    Map<String, String> slow = new LinkedHashMap<>();
    for (int i = 1; i <= SLOW; i++) {
      slow.put("SL-" + i, bridge.createRequest("SL-" + i, HomeSystem.AGENCY, "Slow " + i, "slow"));
    }
    Await.until("the slow lender holds its first requests", WAIT, () -> holding.get() == PER_PARTNER);
    long t0 = System.nanoTime();
    Map<String, String> fast = new LinkedHashMap<>();
    for (int i = 1; i <= FAST_18626; i++) {
      fast.put("FA-" + i, bridge.createRequest("FA-" + i, HomeSystem.AGENCY, "Fast " + i, "fast"));
    }
    for (int i = 1; i <= FAST_VDX; i++) {
      fast.put("FV-" + i, bridge.createRequest("FV-" + i, HomeSystem.AGENCY, "Fast VDX " + i, "fastvdx"));
    }
    for (Map.Entry<String, String> e : fast.entrySet()) {
      Await.until(e.getKey() + " SHIPPED", WAIT, () -> "SHIPPED".equals(bridge.state(e.getValue())));
    }
    double allShipped = (System.nanoTime() - t0) / 1e9;
    // one fast loan all the way through
    String done = fast.get("FA-1");
    bridge.action(done, "received");
    Await.until("FA-1 RECEIVED", WAIT, () -> "RECEIVED".equals(bridge.state(done)));
    bridge.action(done, "returned");
    Await.until("FA-1 LOAN_COMPLETED", WAIT, () -> "LOAN_COMPLETED".equals(bridge.state(done)));
    double completed = (System.nanoTime() - t0) / 1e9;

    // meanwhile the slow lender's first Requests are still in flight
    assertEquals(1, release.getCount());
    assertFalse(heldTooLong.get(), "the slow lender let a request go on its own");
    assertEquals(PER_PARTNER, holding.get(), "its first requests are still held");
    assertEquals(PER_PARTNER, maxHolding.get(), "never more than its share of the outbox threads");
    assertEquals(PER_PARTNER, journal.size(), "the others wait in the outbox, not in a thread");
    for (String key : slow.values()) {
      JsonNode tx = bridge.transaction(key);
      assertEquals("REQUESTED", tx.path("state").asText());
      assertTrue(Bridge.messages(tx, "OUTBOUND", "slow", null).isEmpty(),
          "no delivery to the slow lender has completed: " + tx.toPrettyString());
    }

    release.countDown();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : slow.entrySet()) {
      bridge.awaitMessages(e.getValue(), "OUTBOUND", "slow", "REQUEST", 1, WAIT);
      AtomicInteger n = journal.get(e.getValue() + "-1");
      if (n == null || n.get() != 1) {
        missing.add(e.getKey() + "=" + n);
      }
    }
    assertTrue(missing.isEmpty(), "each slow request reaches the slow lender exactly once: " + missing);
    for (Map.Entry<String, String> e : fast.entrySet()) {
      JsonNode tx = bridge.transaction(e.getValue());
      assertEquals(1, Bridge.messages(tx, "OUTBOUND", null, "REQUEST").size(), e.getKey());
      Await.until("home told of Shipped for " + e.getKey(), WAIT,
          () -> !home.about(e.getKey(), e.getValue(), "SHIPPED").isEmpty());
    }
    assertTrue(home.allSigned());
    System.out.printf("slow partner: %d fast loans SHIPPED in %.1f s and one LOAN_COMPLETED in %.1f s"
        + " while the slow lender held %d of its %d requests%n", fast.size(), allShipped, completed,
        PER_PARTNER, SLOW);
  }
}
