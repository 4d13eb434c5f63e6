package org.illbridge.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.illbridge.api.model.AgencyId;
import org.illbridge.simulator.internal.Behaviour;
import org.illbridge.simulator.internal.PartnerKind;

/**
 * Issue 10 item 4: N concurrent complete loan life cycles through the real distribution, the
 * load generator being the home ILL system (REST + webhooks) and the lenders the project's
 * simulators. One life cycle: POST /requests → lender gets the request → WillSupply and
 * Shipped/Loaned come back → webhook SHIPPED → POST received → POST returned → the lender answers
 * Checked-In/LoanCompleted → webhook CHECKED_IN. That is 6 messages into the bridge (3 REST calls,
 * 3 lender answers), each delivered onwards once (12 on the wire).
 */
final class LifecycleLoad {
  static final String HOME_AGENCY = "ISIL:CA-LOAD-HOME";
  static final String[] TO_LENDER = {"REQUEST", "RECEIVED", "RETURNED"};
  static final String[] FROM_LENDER = {"WILL_SUPPLY", "SHIPPED", "CHECKED_IN"};

  private LifecycleLoad() {}

  static void run(Options o, Path dist, Path work, Path results) throws Exception {
    int count = o.integer("count", 200, 1, 1_000_000);
    int concurrency = o.integer("concurrency", 20, 1, 2000);
    int maxSeconds = o.integer("maxSeconds", 180, 5, 3600);
    int waitSeconds = o.integer("waitSeconds", 60, 1, 600);
    int answerDelay = o.integer("answerDelayMs", 0, 0, 60_000);
    int warmupSeconds = o.integer("warmupSeconds", 0, 0, 600);
    String lenderSpec = o.str("lenders", "iso18626:2,vdx:2");
    String serverOpts = o.jvmOptions("serverOpts", Server.DEFAULT_JAVA_OPTS);
    String outbox = o.str("outbox", "");
    o.checkAllUsed();

    Events events = new Events();
    List<SimLender> lenders = new ArrayList<>();
    String loadBefore = ProcStats.loadAverage();
    try (HomeSide home = new HomeSide(events, 32)) { // more than the home partner's outbox limit
      Server server = Server.prepare(dist, work, "lifecycle");
      try (server) {
        server.conf("org.illbridge.partner-home.cfg", "key=home\nname=Load home ILL system\nids="
            + HOME_AGENCY + "\nprotocol=REST\nendpoints=webhook+http://127.0.0.1:" + home.port() + "/webhook\n");
        server.conf("org.illbridge.engine.cfg", "homePartnerKey=home\n");
        if (!outbox.isEmpty()) {
          server.conf("org.illbridge.store.outbox.cfg", outbox.replace(',', '\n') + "\n");
        }
        Behaviour behaviour = Behaviour.reliable(7).withDelay(answerDelay);
        for (String part : lenderSpec.split(",")) {
          String[] kn = part.trim().split(":");
          int n = kn.length > 1 ? Integer.parseInt(kn[1]) : 1;
          for (int j = 1; j <= n; j++) {
            switch (kn[0].toLowerCase()) {
              case "iso18626" -> {
                AgencyId a = AgencyId.parse("ISIL:CA-LOAD-S" + j);
                lenders.add(SimLender.iso18626("s" + j, a, server, events, behaviour));
              }
              case "vdx" -> lenders.add(SimLender.iso10161("v" + j, AgencyId.parse("OTHER:LOADV" + j),
                  PartnerKind.VDX, "vdx", server, events, behaviour, null));
              default -> throw new IllegalArgumentException("-lenders: unknown kind '" + kn[0]
                  + "' (iso18626, vdx), e.g. iso18626:2,vdx:2");
            }
          }
        }
        if (lenders.isEmpty()) {
          throw new IllegalArgumentException("-lenders names no lender");
        }
        System.out.printf("Starting the server in %s ...%n", server.home);
        server.start(serverOpts);
        String api = "http://127.0.0.1:" + server.httpPort + "/api/v1";
        System.out.printf("Server pid %d up; %d life cycles, %d at a time, lenders %s%n",
            server.pid(), count, concurrency, lenderSpec);

        String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        int warmedUp = warmUp(warmupSeconds, concurrency, lenders, home, api, runId, waitSeconds, events);

        Latencies restRequest = new Latencies("REST POST /requests (answer)");
        Latencies restAction = new Latencies("REST POST actions (answer)");
        Latencies lifecycle = new Latencies("whole life cycle");
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        List<String> completedKeys = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, PartnerKind> lenderKinds = new ConcurrentHashMap<>(); // completed key -> its lender's kind
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger restCalls = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        AtomicBoolean dumped = new AtomicBoolean();
        Map<String, Integer> dump = new TreeMap<>();

        Sampler sampler = new Sampler(server.pid());
        Sampler self = new Sampler(ProcessHandle.current().pid());
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        ExecutorService users = Executors.newFixedThreadPool(concurrency);
        for (int u = 0; u < concurrency; u++) {
          users.execute(() -> {
            int i;
            while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
              SimLender lender = lenders.get(i % lenders.size());
              try {
                String key = oneLifecycle(home, api, runId + "-" + i, lender.key, waitSeconds, events,
                    restRequest, restAction, lifecycle, restCalls);
                completedKeys.add(key);
                lenderKinds.put(key, lender.kind);
                completed.incrementAndGet();
                lastDone.accumulateAndGet(System.nanoTime(), Math::max);
              } catch (TimeoutException e) {
                errors.merge(e.getMessage(), 1, Integer::sum);
              } catch (LoadError e) {
                errors.merge(e.getMessage(), 1, Integer::sum);
              } catch (Exception e) {
                errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
              }
            }
          });
        }
        users.shutdown();
        // progress + one set of thread dumps once a third is done (mid-run)
        while (!users.awaitTermination(2, TimeUnit.SECONDS)) {
          System.out.printf("  %5.1f s: %d completed, %d errors, server RSS %d MB%n",
              (System.nanoTime() - start) / 1e9, completed.get(), errors.values().stream().mapToInt(x -> x).sum(),
              sampler.maxRssKb() / 1024);
          if (!dumped.get() && completed.get() >= count / 3) {
            dumped.set(true);
            dump.putAll(ThreadDumps.sample(server.pid(), 3, 500, work.resolve("thread-dumps-lifecycle")));
          }
          if (System.nanoTime() > deadline + TimeUnit.SECONDS.toNanos(2L * waitSeconds + 30)) {
            errors.merge("run stopped at its time bound", 1, Integer::sum);
            users.shutdownNow();
            break;
          }
        }
        long end = lastDone.get() == 0 ? System.nanoTime() : lastDone.get();
        double window = (end - start) / 1e9;
        double cpu = sampler.cpuSeconds();
        double selfCpu = self.cpuSeconds();
        long hwm = sampler.hwmKb();
        long maxRss = sampler.maxRssKb();
        sampler.close();
        self.close();
        String loadAfter = ProcStats.loadAverage();

        // hops, matched after the run
        List<Latencies.Summary> hops = new ArrayList<>();
        Latencies toLenderAll = new Latencies("REST call → lender receives (all)");
        Latencies fromLenderAll = new Latencies("lender answers → webhook arrives (all)");
        List<Latencies> perType = new ArrayList<>();
        List<String> keys;
        synchronized (completedKeys) {
          keys = new ArrayList<>(completedKeys);
        }
        for (String type : TO_LENDER) {
          Latencies l = new Latencies("REST call → lender receives " + type);
          for (String k : keys) {
            Long a = events.at(k, type, "rest");
            Long b = events.at(k, type, SimLender.RECEIVED);
            if (a != null && b != null) {
              l.add(b - a);
              toLenderAll.add(b - a);
            }
          }
          perType.add(l);
        }
        for (String type : FROM_LENDER) {
          Latencies l = new Latencies("lender answers → webhook " + type);
          for (String k : keys) {
            Long a = events.at(k, type, SimLender.ANSWERED);
            Long b = events.at(k, type, HomeSide.WHERE);
            if (a != null && b != null) {
              l.add(b - a);
              fromLenderAll.add(b - a);
            }
          }
          perType.add(l);
        }
        hops.add(toLenderAll.summary());
        hops.add(fromLenderAll.summary());
        // the same two, by the lender's protocol (ISO 18626 over HTTP, ISO 10161 over TCP)
        for (boolean tcp : new boolean[] {false, true}) {
          String proto = tcp ? "ISO 10161 lenders" : "ISO 18626 lenders";
          Latencies to = new Latencies("REST call → lender receives (" + proto + ")");
          Latencies from = new Latencies("lender answers → webhook arrives (" + proto + ")");
          for (String k : keys) {
            if (lenderKinds.get(k).iso10161() != tcp) {
              continue;
            }
            for (int j = 0; j < TO_LENDER.length; j++) {
              Long a = events.at(k, TO_LENDER[j], "rest");
              Long b = events.at(k, TO_LENDER[j], SimLender.RECEIVED);
              if (a != null && b != null) {
                to.add(b - a);
              }
              Long c = events.at(k, FROM_LENDER[j], SimLender.ANSWERED);
              Long d = events.at(k, FROM_LENDER[j], HomeSide.WHERE);
              if (c != null && d != null) {
                from.add(d - c);
              }
            }
          }
          if (to.count() > 0) {
            hops.add(to.summary());
            hops.add(from.summary());
          }
        }
        perType.forEach(l -> hops.add(l.summary()));
        hops.add(restRequest.summary());
        hops.add(restAction.summary());
        hops.add(lifecycle.summary());

        int done = completed.get();
        int answersIn = 0;
        int toLenderOut = 0;
        for (String t : FROM_LENDER) {
          answersIn += events.count(SimLender.ANSWERED, t);
        }
        for (String t : TO_LENDER) {
          toLenderOut += events.count(SimLender.RECEIVED, t);
        }
        int messagesIn = restCalls.get() + answersIn;
        int wire = messagesIn + toLenderOut + home.webhooks.get();
        // Nothing may be lost: a completed life cycle had every lender answer reach the home system
        // (FIFO per transaction, so none can still be on its way after CHECKED_IN).
        for (String type : FROM_LENDER) {
          int missing = 0;
          for (String k : keys) {
            if (events.at(k, type, HomeSide.WHERE) == null) {
              missing++;
            }
          }
          if (missing > 0) {
            errors.merge("webhook " + type + " missing for a completed life cycle", missing, Integer::sum);
          }
        }
        if (home.badSignatures.get() > 0) {
          errors.merge("webhooks with a bad signature", home.badSignatures.get(), Integer::sum);
        }
        int errorCount = errors.values().stream().mapToInt(x -> x).sum();

        ObjectNode json = HomeSide.JSON.createObjectNode();
        json.put("mode", "lifecycle").put("at", Instant.now().toString()).put("options", o.given())
            .put("count", count).put("concurrency", concurrency).put("lenders", lenderSpec)
            .put("answerDelayMs", answerDelay).put("serverOpts", serverOpts).put("outbox", outbox)
            .put("completed", done).put("errors", errorCount).put("seconds", window)
            .put("lifecyclesPerSecond", done / window).put("messagesIn", messagesIn)
            .put("messagesInPerSecond", messagesIn / window).put("wireMessages", wire)
            .put("wireMessagesPerSecond", wire / window).put("webhooks", home.webhooks.get())
            .put("serverCpuSeconds", cpu).put("generatorCpuSeconds", selfCpu)
            .put("serverCpuMsPerLifecycle", 1000 * cpu / Math.max(1, done))
            .put("generatorCpuMsPerLifecycle", 1000 * selfCpu / Math.max(1, done))
            .put("serverPeakRssMb", hwm / 1024.0).put("serverMaxSampledRssMb", maxRss / 1024.0)
            .put("loadAverageBefore", loadBefore).put("loadAverageAfter", loadAfter)
            .put("cpus", ProcStats.cpus());
        json.set("latencies", Report.latencyJson(hops));
        json.set("errorsByKind", HomeSide.JSON.valueToTree(errors));
        json.set("messageCounts", HomeSide.JSON.valueToTree(new TreeMap<>(events.counts())));
        json.set("threadDump", HomeSide.JSON.valueToTree(dump));
        json.set("serverTimeline", sampler.timeline());

        StringBuilder md = new StringBuilder();
        md.append("### Life cycles through the REST API (`lifecycle`), ").append(Instant.now().toString(), 0, 16)
            .append(" UTC\n\n");
        md.append("Options: `").append(o.given().isEmpty() ? "(defaults)" : o.given()).append("` — ")
            .append(count).append(" life cycles, ").append(concurrency).append(" at a time, lenders `")
            .append(lenderSpec).append("` (answer delay ").append(answerDelay).append(" ms), server `JAVA_OPTS=")
            .append(serverOpts).append("`, outbox ").append(outbox.isEmpty() ? "defaults" : "`" + outbox + "`")
            .append(warmupSeconds == 0 ? ", no warm-up (a cold server: its JIT compiles while measured)"
                : ", after a warm-up of " + warmupSeconds + " s (" + warmedUp + " life cycles, not counted)")
            .append(".\nMachine: ").append(ProcStats.cpus()).append(" CPUs, load average (1/5/15 min) ")
            .append(loadBefore).append(" before, ").append(loadAfter).append(" after.\n\n");
        md.append("| result | value | target (issue 10) |\n|---|---|---|\n");
        md.append("| life cycles completed | ").append(done).append(" / ").append(count).append(" in ")
            .append(Report.f(window)).append(" s | 10,000 in ≤ 120 s |\n");
        md.append("| throughput | **").append(Report.f(done / window)).append(" life cycles/s**, ")
            .append(Report.f(messagesIn / window)).append(" messages in/s (").append(messagesIn)
            .append(": REST calls + lender answers), ").append(Report.f(wire / window))
            .append(" wire messages/s | ≥ 83 life cycles/s, 500 messages/s |\n");
        md.append("| errors | ").append(Report.errors(errors)).append(" | none |\n");
        md.append("| server CPU | ").append(Report.f(cpu)).append(" s in ").append(Report.f(window))
            .append(" s = ").append(Report.f(100 * cpu / window)).append(" % of one core; ")
            .append(Report.f(1000 * cpu / Math.max(1, done))).append(" ms per life cycle | |\n");
        md.append("| server peak resident memory (VmHWM) | ").append(hwm / 1024).append(" MB (max sampled VmRSS ")
            .append(maxRss / 1024).append(" MB) | < 512 MB |\n");
        md.append("| load generator CPU (simulated lenders, home system), same cores | ").append(Report.f(selfCpu))
            .append(" s; ").append(Report.f(1000 * selfCpu / Math.max(1, done))).append(" ms per life cycle | |\n\n");
        md.append(Report.latencyTable(hops)).append('\n');
        md.append("Messages seen (where type: count; `rest` = home → bridge, `lender` = bridge → lender, `answer` = lender → bridge, `webhook` = bridge → home): ");
        new TreeMap<>(events.counts()).forEach((k, v) -> md.append('`').append(k).append("` ").append(v).append(", "));
        md.setLength(md.length() - 2);
        md.append(".\n\n");
        Report.finish("lifecycle", md, dump, "mid-run", json, work, results, server);
      }
    } finally {
      lenders.forEach(SimLender::close);
    }
  }

  /** A failed step of a life cycle (counted by its message). */
  static final class LoadError extends Exception {
    LoadError(String message) {
      super(message);
    }
  }

  /**
   * Warm-up: life cycles for {@code seconds}, the same way, not counted (a server runs warm: its
   * JIT compiler took about a quarter of the server's CPU in a cold 120 s run). Any error is an
   * error of the run all the same. Returns how many completed.
   */
  private static int warmUp(int seconds, int concurrency, List<SimLender> lenders, HomeSide home,
      String api, String runId, int waitSeconds, Events events) throws Exception {
    if (seconds == 0) {
      return 0;
    }
    System.out.printf("Warm-up: %d s of life cycles, not counted ...%n", seconds);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    ExecutorService users = Executors.newFixedThreadPool(concurrency);
    for (int u = 0; u < concurrency; u++) {
      users.execute(() -> {
        while (System.nanoTime() < deadline) {
          int i = next.getAndIncrement();
          try {
            oneLifecycle(home, api, runId + "-w" + i, lenders.get(i % lenders.size()).key, waitSeconds,
                events, new Latencies("-"), new Latencies("-"), new Latencies("-"), new AtomicInteger());
            done.incrementAndGet();
          } catch (Exception e) {
            errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
          }
        }
      });
    }
    users.shutdown();
    if (!users.awaitTermination(2L * waitSeconds + 30, TimeUnit.SECONDS)) {
      users.shutdownNow();
      throw new LoadError("warm-up did not finish");
    }
    if (!errors.isEmpty()) {
      throw new LoadError("warm-up errors: " + errors);
    }
    System.out.printf("Warm-up done: %d life cycles%n", done.get());
    return done.get();
  }

  private static String oneLifecycle(HomeSide home, String api, String requestId, String lender,
      int waitSeconds, Events events, Latencies restRequest, Latencies restAction,
      Latencies lifecycle, AtomicInteger restCalls) throws Exception {
    var body = HomeSide.JSON.createObjectNode();
    body.put("requestId", "LOAD-" + requestId).put("requester", HOME_AGENCY).put("serviceType", "LOAN");
    body.putObject("item").put("title", "Load test " + requestId).put("author", "Generator, Load")
        .put("verificationSource", "WorldCat");
    body.putArray("lenders").add(lender);
    HomeSide.Reply r = home.post(api, "/requests", body.toString());
    if (r.status() != 201) {
      throw new LoadError("POST /requests answered HTTP " + r.status());
    }
    restCalls.incrementAndGet();
    restRequest.add(r.doneNanos() - r.sentNanos());
    String key = HomeSide.fields(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), "key")[0];
    if (key == null || key.isEmpty()) {
      throw new LoadError("POST /requests answered without a transaction key");
    }
    events.record(key, "REQUEST", "rest", r.sentNanos());
    await(home, key, "SHIPPED", waitSeconds);
    for (String action : new String[] {"received", "returned"}) {
      HomeSide.Reply a = home.post(api, "/transactions/" + key + "/actions/" + action, "{}");
      if (a.status() >= 300) {
        throw new LoadError("POST actions/" + action + " answered HTTP " + a.status());
      }
      restCalls.incrementAndGet();
      restAction.add(a.doneNanos() - a.sentNanos());
      events.record(key, action.toUpperCase(), "rest", a.sentNanos());
    }
    long done = await(home, key, "CHECKED_IN", waitSeconds);
    lifecycle.add(done - r.sentNanos());
    home.forget(key, "WILL_SUPPLY", "SHIPPED", "CHECKED_IN");
    return key;
  }

  private static long await(HomeSide home, String key, String type, int waitSeconds) throws Exception {
    try {
      return home.waiter(key, type).get(waitSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("no " + type + " webhook within " + waitSeconds + " s");
    }
  }
}
