package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.illbridge.api.IllBridge;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.TransactionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The dashboard: messages per minute over the last 24 hours (a Chart.js line chart; the library is
 * served from this bundle), open transactions by state, outbox depth, dead letters and the
 * partners whose deliveries fail.
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + DashboardPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.dashboard.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class DashboardPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-dashboard";
  static final int MINUTES = 24 * 60;
  /** Failing partners are found among this many dead and this many retrying rows. */
  static final int FAILING_SCAN = 1000;
  /**
   * Everything on the dashboard is computed at most once per this period and then served from
   * memory: the per-minute counts scan a day of the message log and the open-by-state count a
   * whole index of the transactions, too much for every page view of every open console.
   */
  static final Duration CACHE = Duration.ofSeconds(15);

  private final transient TransactionStore store;
  private final transient Outbox outbox;
  transient Clock clock = Clock.systemUTC();
  private final transient AtomicReference<Snapshot> cached = new AtomicReference<>();
  private final transient Object computing = new Object();

  record Series(Instant from, long[] counts) {}

  /** What the page shows; {@code series} and {@code open} are null when the store cannot count them. */
  record Snapshot(Map<OutboxStatus, Long> box, Series series, Map<TransactionState, Long> open,
      Map<String, int[]> failing, Instant computedAt) {}

  @Activate
  public DashboardPage(@Reference TransactionStore store, @Reference Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Override
  String label() {
    return LABEL;
  }

  /**
   * The cached figures, or new ones when they are older than {@link #CACHE} or {@code refresh} is
   * asked. One thread computes at a time; the others wait for its result rather than all running
   * the same scans at once.
   */
  Snapshot snapshot(boolean refresh) {
    Instant asked = clock.instant();
    Snapshot s = cached.get();
    if (s != null && !refresh && !s.computedAt().plus(CACHE).isBefore(asked)) {
      return s;
    }
    synchronized (computing) {
      s = cached.get();
      // computed by another thread while this one waited, after this request came in
      if (s != null && (!s.computedAt().isBefore(asked) || !refresh && !s.computedAt().plus(CACHE).isBefore(asked))) {
        return s;
      }
      Instant now = clock.instant();
      Series series;
      try {
        Instant from = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES - 1));
        series = new Series(from, store.messagesPerMinute(from, MINUTES));
      } catch (UnsupportedOperationException e) {
        series = null;
      }
      Map<TransactionState, Long> open;
      try {
        open = new TreeMap<>(store.countOpenByState());
      } catch (UnsupportedOperationException e) {
        open = null;
      }
      s = new Snapshot(Map.copyOf(outbox.countByStatus()), series, open, failingPartners(), now);
      cached.set(s);
      return s;
    }
  }

  @Override
  void render(View view) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    Snapshot snap = snapshot(view.param("refresh") != null);
    Map<OutboxStatus, Long> box = snap.box();
    long depth = box.getOrDefault(OutboxStatus.PENDING, 0L) + box.getOrDefault(OutboxStatus.IN_FLIGHT, 0L);
    long dead = box.getOrDefault(OutboxStatus.DEAD, 0L);
    String root = view.request().getContextPath() + view.request().getServletPath() + "/";
    out.print("<h2>" + Html.esc(t.get("dashboard.title")) + "</h2>");
    out.print("<p id='dashboard-as-of'><small>" + Html.esc(t.get("dashboard.asOf", t.dateTime(snap.computedAt()),
        CACHE.toSeconds())) + " <a id='dashboard-refresh' href='" + Html.attr(view.base() + "?refresh=1") + "'>"
        + Html.esc(t.get("dashboard.refresh")) + "</a></small></p>");
    out.print("<table class='nicetable' id='dashboard-counts'>");
    out.print("<tr><th>" + Html.esc(t.get("dashboard.outboxDepth")) + "</th><td id='outbox-depth'>" + depth + "</td></tr>");
    out.print("<tr><th><a href='" + Html.attr(root + OutboxPage.LABEL + "?status=DEAD") + "'>" + Html.esc(t.get("dashboard.dead"))
        + "</a></th><td id='dead-letters'>" + dead + "</td></tr></table>");

    out.print("<h3>" + Html.esc(t.get("dashboard.perMinute")) + "</h3>");
    Series series = snap.series();
    if (series == null) {
      out.print("<p>" + Html.esc(t.get("dashboard.noAggregate")) + "</p>");
    } else {
      long total = 0;
      StringBuilder data = new StringBuilder("{\"from\":").append(series.from().toEpochMilli()).append(",\"counts\":[");
      for (int i = 0; i < series.counts().length; i++) {
        data.append(i == 0 ? "" : ",").append(series.counts()[i]);
        total += series.counts()[i];
      }
      data.append("],\"label\":\"").append(jsonText(t.get("dashboard.messages"))).append("\"}");
      out.print("<p id='messages-24h'>" + Html.esc(t.get("dashboard.total", total)) + "</p>");
      out.print("<div style='max-width:1100px'><canvas id='per-minute' height='90'></canvas></div>");
      // JSON inside a script element: only "<" needs escaping there, which jsonText does.
      out.print("<script type='application/json' id='per-minute-data'>" + data + "</script>");
      out.print("<script src='" + Html.attr(view.base() + "/res/chartjs/chart.umd.js") + "'></script>");
      out.print("<script>" + CHART_SCRIPT + "</script>");
    }

    out.print("<h3>" + Html.esc(t.get("dashboard.openByState")) + "</h3>");
    Map<TransactionState, Long> open = snap.open();
    if (open == null) {
      out.print("<p>" + Html.esc(t.get("dashboard.noAggregate")) + "</p>");
    } else if (open.isEmpty()) {
      out.print("<p>" + Html.esc(t.get("dashboard.noOpen")) + "</p>");
    } else {
      out.print("<table class='nicetable' id='open-by-state'>");
      for (Map.Entry<TransactionState, Long> e : open.entrySet()) {
        out.print("<tr><th><a href='" + Html.attr(root + TransactionsPage.LABEL + "?state=" + e.getKey().name()) + "'>"
            + Html.esc(t.state(e.getKey())) + "</a></th><td>" + e.getValue() + "</td></tr>");
      }
      out.print("</table>");
    }

    out.print("<h3>" + Html.esc(t.get("dashboard.failing")) + "</h3>");
    Map<String, int[]> failing = snap.failing();
    if (failing.isEmpty()) {
      out.print("<p id='no-failing'>" + Html.esc(t.get("dashboard.noFailing")) + "</p>");
    } else {
      out.print("<table class='nicetable' id='failing-partners'><thead><tr><th>" + Html.esc(t.get("search.partner")) + "</th><th>"
          + Html.esc(t.code("outbox", "DEAD")) + "</th><th>" + Html.esc(t.get("dashboard.retrying")) + "</th></tr></thead><tbody>");
      for (Map.Entry<String, int[]> e : failing.entrySet()) {
        out.print("<tr><td><a href='" + Html.attr(root + PartnersPage.LABEL + "?edit=" + Html.url(e.getKey())) + "'>"
            + Html.esc(e.getKey()) + "</a></td><td>" + e.getValue()[0] + "</td><td>" + e.getValue()[1] + "</td></tr>");
      }
      out.print("</tbody></table>");
    }
  }

  /** Partner key to {dead rows, pending rows with failed attempts}, among the newest {@value #FAILING_SCAN} of each. */
  Map<String, int[]> failingPartners() {
    Map<String, int[]> failing = new TreeMap<>();
    List<OutboxItem> dead = outbox.list(OutboxQuery.byStatus(OutboxStatus.DEAD, FAILING_SCAN)).items();
    for (OutboxItem r : dead) {
      failing.computeIfAbsent(r.partnerKey(), k -> new int[2])[0]++;
    }
    for (OutboxItem r : outbox.list(OutboxQuery.byStatus(OutboxStatus.PENDING, FAILING_SCAN)).items()) {
      if (r.attempts() > 0 && r.lastError() != null) {
        failing.computeIfAbsent(r.partnerKey(), k -> new int[2])[1]++;
      }
    }
    return failing;
  }

  static String jsonText(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '<' -> b.append("\\u003c");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  static final String CHART_SCRIPT = "(function(){var d=JSON.parse(document.getElementById('per-minute-data').textContent);"
      + "var labels=d.counts.map(function(_,i){var t=new Date(d.from+i*60000);"
      + "return t.toLocaleTimeString([], {hour:'2-digit',minute:'2-digit'});});"
      + "if(typeof Chart==='undefined'){return;}"
      + "new Chart(document.getElementById('per-minute'),{type:'line',data:{labels:labels,datasets:[{label:d.label,"
      + "data:d.counts,pointRadius:0,borderWidth:1,fill:true}]},options:{animation:false,scales:{x:{ticks:{maxTicksLimit:24}},"
      + "y:{beginAtZero:true}}}});})();";
}
