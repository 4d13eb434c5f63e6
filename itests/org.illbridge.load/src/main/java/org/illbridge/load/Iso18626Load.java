package org.illbridge.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.illbridge.api.model.AgencyId;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllRequest;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.simulator.internal.Behaviour;
import org.illbridge.simulator.internal.PartnerKind;

/**
 * Issue 7's measure: ISO 18626 in → ISO 10161 out on the durable store. The load generator is an
 * ISO 18626 requesting agency configured as a partner; its Requests name a simulated ISO 10161
 * lender (Relais-like by default: it takes the request and sends nothing back, so only the
 * measured path runs) as supplying agency, and the bridge routes each one there. Each request is
 * one 18626 message in and one 10161 message out. Latency = from the moment a request was due
 * to be sent (open loop: a late send counts against the bridge) to the lender's receipt of the
 * ILL-Request (timestamped by the simulator's wire observer as the APDU arrives; the request is
 * recognised by its title).
 *
 * Phases: warm-up at the fixed rate (not counted; its backlog is drained before the next phase); fixed rate for the p99; saturation (closed
 * loop, N senders) for the sustained rate, counted at the lender.
 */
final class Iso18626Load {
  static final String REQUESTER = "ISIL:CA-LOAD-REQ";
  static final String LENDER = "OTHER:LOADL";
  private static final Pattern OK = Pattern.compile("<(?:[\\w.-]+:)?messageStatus>OK<");

  private Iso18626Load() {}

  static void run(Options o, Path dist, Path work, Path results) throws Exception {
    int rate = o.integer("rate", 200, 1, 100_000);
    int warmup = o.integer("warmupSeconds", 10, 0, 600);
    int seconds = o.integer("seconds", 30, 1, 600);
    int satSeconds = o.integer("saturationSeconds", 30, 0, 600);
    int satSenders = o.integer("senders", 16, 1, 1000);
    int drainSeconds = o.integer("drainSeconds", 60, 1, 600);
    String kind = o.str("lenderKind", "RELAIS").toUpperCase();
    String serverOpts = o.jvmOptions("serverOpts", Server.DEFAULT_JAVA_OPTS);
    String outbox = o.str("outbox", "");
    o.checkAllUsed();
    PartnerKind lenderKind = switch (kind) {
      case "RELAIS" -> PartnerKind.RELAIS;
      case "VDX" -> PartnerKind.VDX;
      default -> throw new IllegalArgumentException("-lenderKind must be RELAIS or VDX, got " + kind);
    };

    Events events = new Events();
    Map<String, Long> received = new ConcurrentHashMap<>(); // our request id -> lender receipt
    AtomicInteger lenderApdus = new AtomicInteger();
    BerCodec codec = new BerCodec();
    String loadBefore = ProcStats.loadAverage();
    SimLender lender = null;
    HttpServer requesterEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    AtomicInteger backToRequester = new AtomicInteger();
    byte[] confirmation = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\""
        + " version=\"1.2\"><supplyingAgencyMessageConfirmation><confirmationHeader><timestampReceived>"
        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</timestampReceived><messageStatus>OK</messageStatus>"
        + "</confirmationHeader></supplyingAgencyMessageConfirmation></ISO18626Message>").getBytes(StandardCharsets.UTF_8);
    requesterEndpoint.createContext("/iso18626", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        backToRequester.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(200, confirmation.length);
        ex.getResponseBody().write(confirmation);
      }
    });
    requesterEndpoint.setExecutor(Executors.newFixedThreadPool(2));
    requesterEndpoint.start();
    try (HomeSide home = new HomeSide(events, 2)) {
      Server server = Server.prepare(dist, work, "iso18626");
      try (server) {
        server.conf("org.illbridge.partner-home.cfg", "key=home\nname=Load home ILL system\nids="
            + LifecycleLoad.HOME_AGENCY + "\nprotocol=REST\nendpoints=webhook+http://127.0.0.1:" + home.port() + "/webhook\n");
        server.conf("org.illbridge.engine.cfg", "homePartnerKey=home\n");
        if (!outbox.isEmpty()) {
          server.conf("org.illbridge.store.outbox.cfg", outbox.replace(',', '\n') + "\n");
        }
        server.conf("org.illbridge.partner-req.cfg", "key=req\nname=Load ISO 18626 requester\nids=" + REQUESTER
            + "\nprotocol=ISO18626\ndialect=standard\nendpoints=http://127.0.0.1:"
            + requesterEndpoint.getAddress().getPort() + "/iso18626\nallowedAddresses=127.0.0.1/32\n");
        lender = SimLender.iso10161("lender", AgencyId.parse(LENDER), lenderKind,
            lenderKind == PartnerKind.RELAIS ? "relais" : "vdx", server, events, Behaviour.reliable(7),
            (apdu, t) -> {
              lenderApdus.incrementAndGet();
              try {
                if (codec.decode(apdu) instanceof IllRequest r && r.itemId() != null) {
                  String title = IllString.text(r.itemId().title());
                  if (title != null && title.startsWith("Load ")) {
                    received.putIfAbsent(title.substring(5), t);
                  } else {
                    events.record("?", "UNMATCHED " + title, SimLender.RECEIVED, t);
                  }
                } else {
                  events.record("?", "NOT A REQUEST", SimLender.RECEIVED, t);
                }
              } catch (IllCodecException | RuntimeException e) {
                events.record("?", "UNREADABLE " + e.getMessage(), SimLender.RECEIVED, t);
              }
            });
        // the generator's Requests must be readable by the project's codec before we start
        new Iso18626Codec(Iso18626Codec.Options.lenientDefaults()).read(requestXml("CHECK-0"));
        System.out.printf("Starting the server in %s ...%n", server.home);
        server.start(serverOpts);
        URI endpoint = URI.create("http://127.0.0.1:" + server.httpPort + "/iso18626");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        System.out.printf("Server pid %d up; warm-up %d s + %d s at %d requests/s, then %d s with %d senders%n",
            server.pid(), warmup, seconds, rate, satSeconds, satSenders);

        // 1. fixed rate, open loop
        Map<String, Long> due = new ConcurrentHashMap<>();
        Latencies confirm = new Latencies("Request → bridge's confirmation (fixed rate)");
        Map<String, Long> warm = new ConcurrentHashMap<>();
        openLoop(client, endpoint, "W", rate, warmup, warm, null, errors);
        // The measured phase starts without the warm-up's backlog (a cold JIT falls behind at
        // first): otherwise its p99 measures the warm-up.
        awaitAll(warm.keySet(), received, drainSeconds);
        Sampler sampler = new Sampler(server.pid());
        long fixedStart = System.nanoTime();
        int sent = openLoop(client, endpoint, "F", rate, seconds, due, confirm, errors);
        long fixedEnd = System.nanoTime();
        awaitAll(due.keySet(), received, drainSeconds);
        double fixedCpu = sampler.cpuSeconds();
        sampler.close();
        Latencies toLender = new Latencies("18626 Request due → 10161 ILL-Request at the lender (fixed rate)");
        int lost = 0;
        for (Map.Entry<String, Long> e : due.entrySet()) {
          Long r = received.get(e.getKey());
          if (r == null) {
            lost++;
          } else {
            toLender.add(r - e.getValue());
          }
        }
        if (lost > 0) {
          errors.merge("fixed rate: not at the lender within " + drainSeconds + " s", lost, Integer::sum);
        }
        double fixedWindow = (fixedEnd - fixedStart) / 1e9;
        String loadMid = ProcStats.loadAverage();

        // 2. saturation, closed loop
        Latencies satConfirm = new Latencies("Request → bridge's confirmation (saturation)");
        Latencies satLender = new Latencies("18626 Request sent → ILL-Request at the lender (saturation)");
        Map<String, Long> satSent = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        Map<String, Integer> dump = new TreeMap<>();
        double satCpu = 0;
        double satWindow = 0;
        double acceptedPerSecond = 0;
        double deliveredPerSecond = 0;
        int delivered = 0;
        if (satSeconds > 0) {
          Sampler satSampler = new Sampler(server.pid());
          long satStart = System.nanoTime();
          long satEnd = satStart + TimeUnit.SECONDS.toNanos(satSeconds);
          AtomicInteger seq = new AtomicInteger();
          ExecutorService senders = Executors.newFixedThreadPool(satSenders);
          for (int s = 0; s < satSenders; s++) {
            senders.execute(() -> {
              while (System.nanoTime() < satEnd) {
                String id = "S" + seq.incrementAndGet();
                long t0 = System.nanoTime();
                satSent.put(id, t0);
                try {
                  HttpResponse<String> r = client.send(post(endpoint, id), HttpResponse.BodyHandlers.ofString());
                  satConfirm.add(System.nanoTime() - t0);
                  if (r.statusCode() == 200 && OK.matcher(r.body()).find()) {
                    accepted.incrementAndGet();
                  } else {
                    errors.merge("saturation: HTTP " + r.statusCode() + (r.statusCode() == 200 ? " with an ERROR confirmation" : ""), 1, Integer::sum);
                  }
                } catch (Exception e) {
                  errors.merge("saturation: " + e.getClass().getSimpleName(), 1, Integer::sum);
                }
              }
            });
          }
          Thread.sleep(TimeUnit.SECONDS.toMillis(satSeconds) / 2);
          dump.putAll(ThreadDumps.sample(server.pid(), 3, 500, work.resolve("thread-dumps-iso18626")));
          senders.shutdown();
          senders.awaitTermination(satSeconds + 60L, TimeUnit.SECONDS);
          long acceptedEnd = System.nanoTime();
          awaitAll(satSent.keySet(), received, drainSeconds);
          long lastAtLender = satStart;
          for (Map.Entry<String, Long> e : satSent.entrySet()) {
            Long r = received.get(e.getKey());
            if (r != null) {
              delivered++;
              satLender.add(r - e.getValue());
              lastAtLender = Math.max(lastAtLender, r);
            }
          }
          satCpu = satSampler.cpuSeconds();
          satSampler.close();
          satWindow = (lastAtLender - satStart) / 1e9;
          acceptedPerSecond = accepted.get() / ((acceptedEnd - satStart) / 1e9);
          deliveredPerSecond = satWindow > 0 ? delivered / satWindow : 0;
          if (delivered < accepted.get()) {
            errors.merge("saturation: accepted but not at the lender within " + drainSeconds + " s",
                accepted.get() - delivered, Integer::sum);
          }
        }
        long hwm = ProcStats.read(server.pid()).hwmKb();
        String loadAfter = ProcStats.loadAverage();
        List<Latencies.Summary> rows = new ArrayList<>(List.of(toLender.summary(), confirm.summary(),
            satLender.summary(), satConfirm.summary()));
        int errorCount = errors.values().stream().mapToInt(x -> x).sum();

        ObjectNode json = HomeSide.JSON.createObjectNode();
        json.put("mode", "iso18626").put("at", Instant.now().toString()).put("options", o.given())
            .put("rate", rate).put("warmupSeconds", warmup).put("seconds", seconds).put("sent", sent)
            .put("achievedRate", sent / fixedWindow).put("fixedRateServerCpuSeconds", fixedCpu)
            .put("saturationSeconds", satSeconds).put("senders", satSenders).put("accepted", accepted.get())
            .put("acceptedPerSecond", acceptedPerSecond).put("delivered", delivered)
            .put("deliveredPerSecond", deliveredPerSecond).put("saturationWindowSeconds", satWindow)
            .put("saturationServerCpuSeconds", satCpu).put("serverPeakRssMb", hwm / 1024.0)
            .put("lenderApdus", lenderApdus.get()).put("messagesBackToRequester", backToRequester.get())
            .put("webhooks", home.webhooks.get()).put("errors", errorCount).put("lenderKind", kind)
            .put("serverOpts", serverOpts).put("outbox", outbox).put("loadAverageBefore", loadBefore)
            .put("loadAverageMid", loadMid).put("loadAverageAfter", loadAfter).put("cpus", ProcStats.cpus());
        json.set("latencies", Report.latencyJson(rows));
        json.set("errorsByKind", HomeSide.JSON.valueToTree(errors));
        json.set("threadDump", HomeSide.JSON.valueToTree(dump));
        json.set("messageCounts", HomeSide.JSON.valueToTree(new TreeMap<>(events.counts())));

        StringBuilder md = new StringBuilder();
        md.append("### ISO 18626 in → ISO 10161 out (`iso18626`), ").append(Instant.now().toString(), 0, 16).append(" UTC\n\n");
        md.append("Options: `").append(o.given().isEmpty() ? "(defaults)" : o.given()).append("` — ")
            .append(kind).append("-like lender, warm-up ").append(warmup).append(" s, fixed rate ").append(rate)
            .append(" requests/s for ").append(seconds).append(" s, saturation ").append(satSeconds).append(" s with ")
            .append(satSenders).append(" senders; server `JAVA_OPTS=").append(serverOpts).append("`, outbox ")
            .append(outbox.isEmpty() ? "defaults" : "`" + outbox + "`")
            .append(", ISO 10161 TCP defaults (send returns once written, kept connections)").append(".\nMachine: ").append(ProcStats.cpus())
            .append(" CPUs, load average (1/5/15 min) ").append(loadBefore).append(" before, ").append(loadMid)
            .append(" after the fixed rate, ").append(loadAfter).append(" at the end.\n\n");
        md.append("One request = one ISO 18626 message in + one ISO 10161 message out.\n\n");
        md.append("| result | value | target (issue 7) |\n|---|---|---|\n");
        md.append("| sustained (saturation), at the lender | **").append(Report.f(deliveredPerSecond))
            .append(" requests/s** (").append(delivered).append(" in ").append(Report.f(satWindow))
            .append(" s); bridge accepted ").append(Report.f(acceptedPerSecond)).append("/s | ≥ 1,000 messages/s |\n");
        md.append("| fixed rate achieved | ").append(Report.f(sent / fixedWindow)).append(" requests/s (")
            .append(sent).append(" sent) | 200 messages/s |\n");
        md.append("| p99 latency at the fixed rate, due → lender | **").append(Report.f(toLender.summary().p99()))
            .append(" ms** (p50 ").append(Report.f(toLender.summary().p50())).append(" ms) | < 100 ms |\n");
        md.append("| errors | ").append(Report.errors(errors)).append(" | none |\n");
        md.append("| server CPU | fixed rate: ").append(Report.f(fixedCpu)).append(" s (")
            .append(Report.f(1000 * fixedCpu / Math.max(1, sent))).append(" ms/request); saturation: ")
            .append(Report.f(satCpu)).append(" s (").append(Report.f(1000 * satCpu / Math.max(1, delivered)))
            .append(" ms/request) | |\n");
        md.append("| server peak resident memory (VmHWM) | ").append(hwm / 1024).append(" MB | |\n\n");
        md.append(Report.latencyTable(rows)).append('\n');
        Report.finish("iso18626", md, dump, "mid-saturation", json, work, results, server);
      }
    } finally {
      requesterEndpoint.stop(0);
      if (lender != null) {
        lender.close();
      }
    }
  }

  /**
   * Sends {@code rate} requests a second for {@code seconds}, each at its due time whatever the
   * answers do (open loop); records due times and, if asked, confirmation latencies from the due
   * time. Returns how many were sent.
   */
  private static int openLoop(HttpClient client, URI endpoint, String prefix, int rate, int seconds,
      Map<String, Long> due, Latencies confirm, Map<String, Integer> errors) {
    long n = (long) rate * seconds;
    long start = System.nanoTime();
    long period = 1_000_000_000L / rate;
    for (long i = 0; i < n; i++) {
      long at = start + i * period;
      long wait = at - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String id = prefix + i;
      due.put(id, at);
      client.sendAsync(post(endpoint, id), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        if (confirm == null) {
          return;
        }
        if (e != null) {
          errors.merge("fixed rate: " + e.getClass().getSimpleName(), 1, Integer::sum);
        } else {
          confirm.add(System.nanoTime() - at);
          if (r.statusCode() != 200 || !OK.matcher(r.body()).find()) {
            errors.merge("fixed rate: HTTP " + r.statusCode() + (r.statusCode() == 200 ? " with an ERROR confirmation" : ""), 1, Integer::sum);
          }
        }
      });
    }
    return (int) n;
  }

  private static void awaitAll(java.util.Set<String> ids, Map<String, Long> received, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && !received.keySet().containsAll(ids)) {
      Thread.sleep(200);
    }
  }

  private static HttpRequest post(URI endpoint, String id) {
    return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/xml; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(requestXml(id))).build();
  }

  /** A minimal ISO 18626 (1.2) Request naming the lender as supplying agency; the title carries our id. */
  static byte[] requestXml(String id) {
    String[] req = REQUESTER.split(":");
    String[] lender = LENDER.split(":");
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" version=\"1.2\">"
        + "<request><header><supplyingAgencyId><agencyIdType>" + lender[0] + "</agencyIdType><agencyIdValue>" + lender[1]
        + "</agencyIdValue></supplyingAgencyId><requestingAgencyId><agencyIdType>" + req[0] + "</agencyIdType><agencyIdValue>"
        + req[1] + "</agencyIdValue></requestingAgencyId><timestamp>" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
        + "</timestamp><requestingAgencyRequestId>" + id + "</requestingAgencyRequestId></header>"
        + "<bibliographicInfo><title>Load " + id + "</title><author>Generator, Load</author></bibliographicInfo>"
        + "<serviceInfo><serviceType>Loan</serviceType></serviceInfo></request></ISO18626Message>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
