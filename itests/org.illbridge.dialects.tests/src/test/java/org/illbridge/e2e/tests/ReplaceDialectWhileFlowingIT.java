package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, item 2: a dialect bundle (generated from the archetype, version 1.0.0) is replaced by
 * version 2.0.0 (same project, one rule's text changed, and 1.5 s slower to start, so that the
 * dialect is certainly missing for a while) by replacing its file in deploy/ while a bounded stream
 * of requests flows to a partner using it. Nothing is lost: every request reaches
 * the lender exactly once in the bridge's log and ships, nothing stays in the outbox, requests sent
 * before the swap went through 1.0.0 and requests made after 2.0.0 was active went through 2.0.0.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReplaceDialectWhileFlowingIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int STREAM = 20;
  private static final int SWAP_AFTER = 6;
  private static final int AFTER_SWAP = 3;
  private static final long PACE_MS = 150;
  /** The one rule that differs in 2.0.0: the warning when a note is dropped. */
  private static final String V1_RULE = "does not take notes.\"";
  private static final String V2_MARK = "(rule version 2)";
  /** How long 2.0.0 takes to start (its class initialisation). */
  private static final long V2_START_MS = 1500;
  private static final String AVAILABLE = "Dialect '" + DialectProject.DIALECT_ID + "' is available";

  private static Path v1;
  private static Path v2;
  private static Bridge bridge;
  private static BridgeAdmin admin;
  private static HomeSystem home;

  /** One request of the test: when it was made relative to the swap. */
  record Sent(String requestId, String key, boolean createdAfterV2Active, boolean createdDuringSwap) {}

  @BeforeAll
  static void start() throws Exception {
    v1 = DialectProject.build("v1", "1.0.0", UnaryOperator.identity());
    v2 = DialectProject.build("v2", "2.0.0", source -> {
      if (!source.contains(V1_RULE)) {
        throw new AssertionError("the archetype's notes rule changed; adapt V1_RULE:\n" + source);
      }
      // and it is slow to start (as one loading rule tables would be): the acme dialect is then
      // certainly missing for a while during the swap, so requests arriving meanwhile are held
      String slowStart = "public static final String ID = \"" + DialectProject.DIALECT_ID + "\";";
      if (!source.contains(slowStart)) {
        throw new AssertionError("no '" + slowStart + "' in the generated dialect:\n" + source);
      }
      return source.replace(V1_RULE, "does not take notes " + V2_MARK + ".\"")
          .replace(slowStart, slowStart + "\n\n  static {\n    try {\n      Thread.sleep(" + V2_START_MS
              + ");\n    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n    }\n  }");
    });
    home = new HomeSystem();
    // deployed under a version-less name, so that 2.0.0 replaces the file (a bundle update)
    bridge = BridgeAdmin.startFresh("replace-dialect", home,
        b -> Files.copy(v1, b.home.resolve("deploy/acme-dialect.jar")));
    admin = new BridgeAdmin(bridge);
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home);
  }

  @Test
  void replacingTheDialectWhileRequestsFlowLosesNothing() throws Exception {
    Await.until("dialect 1.0.0 active and bound", WAIT,
        () -> admin.onlyActive(DialectProject.SYMBOLIC_NAME, "1.0.0") && admin.logLines(AVAILABLE) == 1);
    admin.addSimulatedLender("acme", "ACME", "VDX", DialectProject.DIALECT_ID, WAIT);
    // the first request waits for the partner to be in the REST API's directory; the rest follow it
    String firstKey = admin.requestWithNoteWhenKnown("R-1", "Stream 1", "Note 1", "acme", WAIT);

    List<Sent> sent = new CopyOnWriteArrayList<>();
    long[] swap = new long[2]; // nanoTime: file replaced, 2.0.0 active and bound (0 = not yet)
    ExecutorService stream = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "request-stream");
      t.setDaemon(true);
      return t;
    });
    List<String> sentBeforeSwap = new ArrayList<>();
    try {
      Future<?> flowing = stream.submit(() -> {
        sent.add(new Sent("R-1", firstKey, false, false));
        for (int i = 2; i <= STREAM; i++) {
          boolean during;
          boolean after;
          synchronized (swap) {
            after = swap[1] != 0;
            during = swap[0] != 0 && !after;
          }
          String id = "R-" + i;
          sent.add(new Sent(id, admin.requestWithNote(id, "Stream " + i, "Note " + i, "acme"), after, during));
          Thread.sleep(PACE_MS);
        }
        return null;
      });

      // 1.0.0 is doing the work: the first requests are sent through it
      Await.until(SWAP_AFTER + " requests made, the first sent", WAIT, () -> sent.size() >= SWAP_AFTER
          && !BridgeAdmin.sent(bridge.transaction(sent.get(0).key()), "acme", "REQUEST").isEmpty());
      for (Sent s : List.copyOf(sent)) {
        if (!BridgeAdmin.sent(bridge.transaction(s.key()), "acme", "REQUEST").isEmpty()) {
          sentBeforeSwap.add(s.key());
        }
      }

      // 2. the swap, while the stream goes on: the file is replaced in one move (as an admin's mv)
      Path staged = Files.createDirectories(bridge.home.resolve("staging")).resolve("acme-dialect.jar");
      Files.copy(v2, staged, StandardCopyOption.REPLACE_EXISTING);
      synchronized (swap) {
        swap[0] = System.nanoTime();
      }
      Files.move(staged, bridge.home.resolve("deploy/acme-dialect.jar"),
          StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Await.until("dialect 2.0.0 active and bound", WAIT,
          () -> admin.onlyActive(DialectProject.SYMBOLIC_NAME, "2.0.0") && admin.logLines(AVAILABLE) == 2);
      synchronized (swap) {
        swap[1] = System.nanoTime();
      }
      flowing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      stream.shutdownNow();
    }
    for (int i = 1; i <= AFTER_SWAP; i++) {
      String id = "A-" + i;
      sent.add(new Sent(id, admin.requestWithNote(id, "After " + i, "Note after " + i, "acme"), true, false));
    }

    // 3. nothing lost: every request reaches the lender once, ships, and the home system hears of it
    for (Sent s : sent) {
      Await.until(s.requestId() + " shipped", WAIT, () -> "SHIPPED".equals(bridge.state(s.key())));
    }
    Await.until("nothing left in the outbox", WAIT, () -> {
      Map<String, Long> c = admin.outboxCounts();
      return c.get("PENDING") == 0 && c.getOrDefault("IN_FLIGHT", 0L) == 0;
    });
    Map<String, Long> counts = admin.outboxCounts();
    assertEquals(0L, counts.get("DEAD"), "no dead letters: " + counts);
    int v1Count = 0;
    int v2Count = 0;
    int duringSwap = 0;
    for (Sent s : sent) {
      JsonNode tx = bridge.awaitMessages(s.key(), "OUTBOUND", "acme", "REQUEST", 1, WAIT);
      JsonNode request = BridgeAdmin.sent(tx, "acme", "REQUEST").get(0);
      assertEquals("sent", request.path("result").asText(), s + ": " + request);
      String warning = BridgeAdmin.warnings(request);
      assertTrue(warning.contains("note was not sent") && warning.contains(DialectProject.DIALECT_NAME),
          s + " went through the acme dialect (1.0.0 or 2.0.0): " + request);
      boolean newVersion = warning.contains(V2_MARK);
      if (sentBeforeSwap.contains(s.key())) {
        assertTrue(!newVersion, s + " was sent before the swap, through 1.0.0: " + warning);
      }
      if (s.createdAfterV2Active()) {
        assertTrue(newVersion, s + " was made after 2.0.0 was active, so went through it: " + warning);
      }
      v1Count += newVersion ? 0 : 1;
      v2Count += newVersion ? 1 : 0;
      duringSwap += s.createdDuringSwap() ? 1 : 0;
      assertEquals(1, Bridge.messages(tx, "INBOUND", "acme", "SHIPPED").size(), s + ": one Shipped: " + tx);
    }
    // the home system got one Shipped per request, all signed
    for (Sent s : sent) {
      Await.until("home told of " + s.requestId() + " shipped", WAIT,
          () -> home.about(s.requestId(), s.key(), "SHIPPED").size() == 1);
    }
    assertTrue(home.allSigned());
    assertEquals(STREAM + AFTER_SWAP, sent.size());
    assertTrue(v1Count >= sentBeforeSwap.size() && !sentBeforeSwap.isEmpty(), "some went through 1.0.0");
    assertTrue(v2Count >= AFTER_SWAP, "the later ones went through 2.0.0");
    assertTrue(duringSwap > 0, "requests were made while the bundle was being replaced");
    // replaced once, in the same server process
    assertEquals(1, admin.logLines("Dialect '" + DialectProject.DIALECT_ID + "' is gone"));
    assertEquals(1, admin.logLines("ILL Bridge started in"), "no restart");
    System.out.printf("replace while flowing: %d requests, %d sent before the swap, %d made while "
        + "2.0.0 was being installed (%d ms from the file move to 2.0.0 bound), %d through 1.0.0, "
        + "%d through 2.0.0%n", sent.size(), sentBeforeSwap.size(), duringSwap,
        TimeUnit.NANOSECONDS.toMillis(swap[1] - swap[0]), v1Count, v2Count);
  }
}
