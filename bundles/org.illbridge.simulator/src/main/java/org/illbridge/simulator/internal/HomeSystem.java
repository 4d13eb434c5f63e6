package org.illbridge.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated home ILL system: takes the bridge's webhooks and, for demos, creates loan
 * requests at a steady pace (bounded in number) and answers Shipped with Received and then
 * Returned, so loans move through the console by themselves.
 */
public final class HomeSystem implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HomeSystem.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[][] TITLES = {
      {"The Art of Computer Programming", "Knuth, Donald", "0201896834"},
      {"Moby-Dick", "Melville, Herman", "9780142437247"},
      {"A Brief History of Time", "Hawking, Stephen", "9780553380163"},
      {"Les Misérables", "Hugo, Victor", "9782253096344"},
      {"The Structure of Scientific Revolutions", "Kuhn, Thomas", "9780226458083"},
      {"Pride and Prejudice", "Austen, Jane", "9780141439518"},
  };

  private final HomeConfig config;
  private final WebhookReceiver webhooks;
  private final HomeRestClient rest;
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger created = new AtomicInteger();
  /** requestId -> bridge transaction key */
  private final Map<String, String> keys = new ConcurrentHashMap<>();
  private final Map<String, Boolean> progressed = new ConcurrentHashMap<>();
  private final SplittableRandom random;
  private final List<String> lenders;
  private volatile boolean warnedNotReady;

  public HomeSystem(HomeConfig config) {
    this.config = config;
    this.webhooks = new WebhookReceiver(config.webhookHost(), config.webhookPort(),
        config.webhookPath(), config.webhookSecret(), DownPeriods.NONE);
    this.rest = new HomeRestClient(URI.create(config.restBaseUrl()), config.apiKey(),
        Duration.ofMillis(config.timeoutMs()));
    this.random = new SplittableRandom(config.seed());
    this.lenders = lenders(config.lenders());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simulator-home");
      t.setDaemon(true);
      return t;
    });
  }

  public void start() throws IOException {
    webhooks.start();
    if (config.requestsPerMinute() > 0 && config.maxRequests() > 0) {
      if (lenders.isEmpty()) {
        throw new IllegalArgumentException("demo traffic needs at least one lender");
      }
      long period = Math.max(1, 60_000L / config.requestsPerMinute());
      scheduler.scheduleAtFixedRate(this::createOne, 1000, period, TimeUnit.MILLISECONDS);
    }
    if (config.lifecycleDelayMs() > 0) {
      scheduler.scheduleWithFixedDelay(this::advance, 1, 1, TimeUnit.SECONDS);
    }
  }

  public WebhookReceiver webhooks() {
    return webhooks;
  }

  /** Partner keys; a .cfg file gives one comma-separated string, the console an array. */
  static List<String> lenders(String[] configured) {
    List<String> out = new java.util.ArrayList<>();
    if (configured != null) {
      for (String entry : configured) {
        for (String key : entry == null ? new String[0] : entry.split(",")) {
          if (!key.isBlank()) {
            out.add(key.trim());
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private void createOne() {
    int n = created.incrementAndGet();
    if (n > config.maxRequests()) {
      return;
    }
    String[] t = TITLES[random.nextInt(TITLES.length)];
    String requestId = "HOME-" + config.seed() + "-" + n;
    try {
      HomeRestClient.Answer a = rest.createRequest(new HomeRestClient.NewRequest(requestId,
          config.requester(), t[0], t[1], t[2], "WorldCat", lenders));
      String key = HomeRestClient.transactionKey(a);
      if (a.ok() && key != null) {
        keys.put(requestId, key);
        LOG.info("Simulated home system: request {} for '{}' is transaction {}", requestId, t[0],
            key);
      } else if (a.status() == 404 || a.status() == 503) {
        notReady(requestId, "HTTP " + a.status());
      } else {
        LOG.warn("Simulated home system: the bridge refused request {}: HTTP {} {}", requestId,
            a.status(), a.body());
      }
    } catch (java.net.ConnectException e) {
      notReady(requestId, e.toString());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Simulated home system: request {} not created: {}", requestId, e.toString());
    }
  }

  /**
   * The REST API is not up yet (the bridge is still starting: 404 before the servlet is
   * registered, 503 before the home partner exists): the same request is sent again at the next
   * tick instead of being counted, so the demo's traffic is not lost at start-up.
   */
  private void notReady(String requestId, String why) {
    created.decrementAndGet();
    if (!warnedNotReady) {
      warnedNotReady = true;
      LOG.info("Simulated home system: the bridge's REST API is not ready yet ({}); {} will be sent "
          + "again", why, requestId);
    }
  }

  /** Shipped seen in a webhook -> Received after the delay, then Returned after as much again. */
  private void advance() {
    for (WebhookReceiver.Delivery d : webhooks.deliveries()) {
      JsonNode m;
      try {
        m = JSON.readTree(d.body());
      } catch (IOException e) {
        continue;
      }
      if (!"SHIPPED".equals(m.path("type").asText())) {
        continue;
      }
      String key = keyOf(m);
      if (key == null || progressed.putIfAbsent(key, Boolean.TRUE) != null) {
        continue;
      }
      long delay = config.lifecycleDelayMs();
      scheduler.schedule(() -> act(key, "received"), delay, TimeUnit.MILLISECONDS);
      scheduler.schedule(() -> act(key, "returned"), 2 * delay, TimeUnit.MILLISECONDS);
    }
  }

  private String keyOf(JsonNode m) {
    String requesterId = m.path("requesterTransactionId").asText(null);
    if (requesterId != null && keys.containsKey(requesterId)) {
      return keys.get(requesterId);
    }
    String supplierId = m.path("supplierTransactionId").asText(null);
    return supplierId != null && keys.containsValue(supplierId) ? supplierId : null;
  }

  private void act(String key, String action) {
    try {
      HomeRestClient.Answer a = rest.action(key, action);
      if (!a.ok()) {
        LOG.warn("Simulated home system: {} on {} refused: HTTP {} {}", action, key, a.status(),
            a.body());
      }
    } catch (IOException e) {
      LOG.warn("Simulated home system: {} on {} failed: {}", action, key, e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    webhooks.close();
  }
}
