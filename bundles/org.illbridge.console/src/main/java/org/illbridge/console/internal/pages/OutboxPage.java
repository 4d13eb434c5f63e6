package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.illbridge.api.IllBridge;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.engine.EngineActions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Outbox and dead letters (retry now, discard with a reason) and the queue of requests from
 * unknown requesters waiting for review (accept as a partner, or reject).
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + OutboxPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.outbox.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class OutboxPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-outbox";
  static final int PAGE_SIZE = 100;
  /** How many NEW transactions are looked at for the review queue (newest first). */
  static final int REVIEW_SCAN = 500;

  private final transient TransactionStore store;
  private final transient PartnerDirectory directory;
  private final transient Outbox outbox;
  private transient volatile EngineActions engine;

  @Activate
  public OutboxPage(@Reference TransactionStore store, @Reference PartnerDirectory directory, @Reference Outbox outbox) {
    this.store = store;
    this.directory = directory;
    this.outbox = outbox;
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void setEngine(EngineActions e) {
    this.engine = e;
  }

  void unsetEngine(EngineActions e) {
    if (this.engine == e) {
      this.engine = null;
    }
  }

  @Override
  String label() {
    return LABEL;
  }

  @Override
  void render(View view) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    Map<OutboxStatus, Long> counts = outbox.countByStatus();
    out.print("<p id='outbox-counts'>");
    for (OutboxStatus s : OutboxStatus.values()) {
      out.print("<a href='" + Html.attr(view.base() + "?status=" + s.name()) + "'>" + Html.esc(t.code("outbox", s.name()))
          + ": " + counts.getOrDefault(s, 0L) + "</a> &nbsp; ");
    }
    out.print("</p>");
    OutboxStatus status = OutboxStatus.DEAD;
    if (view.param("status") != null) {
      try {
        status = OutboxStatus.valueOf(view.param("status"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(t.get("outbox.badStatus", view.param("status")));
      }
    }
    out.print("<h2>" + Html.esc(t.get(status == OutboxStatus.DEAD ? "outbox.dead" : "outbox.rows", t.code("outbox", status.name())))
        + "</h2>");
    Page<OutboxItem> page = outbox.list(new OutboxQuery(status, view.param("partner"), null, PAGE_SIZE, view.param("cursor")));
    if (page.items().isEmpty()) {
      out.print("<p>" + Html.esc(t.get("outbox.none")) + "</p>");
    } else {
      renderRows(view, page.items(), null);
      if (page.hasMore()) {
        out.print("<p><a href='" + Html.attr(view.base() + "?status=" + status.name() + "&cursor=" + Html.url(page.nextCursor()))
            + "'>" + Html.esc(t.get("search.next")) + "</a></p>");
      }
    }
    renderReview(view);
  }

  /** A table of outbox rows with the actions their status allows; {@code bridgeKey} when shown on a transaction. */
  static void renderRows(View view, List<OutboxItem> rows, String bridgeKey) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    Html h = view.html();
    String action = bridgeKey == null ? view.base() : view.base();
    out.print("<table class='nicetable outbox-rows'><thead><tr><th>#</th><th>" + Html.esc(t.get("outbox.status")) + "</th><th>"
        + Html.esc(t.get("msg.partner")) + "</th><th>" + Html.esc(t.get("msg.message")) + "</th><th>"
        + Html.esc(t.get("tx.key")) + "</th><th>" + Html.esc(t.get("outbox.attempts")) + "</th><th>"
        + Html.esc(t.get("outbox.queued")) + "</th><th>" + Html.esc(t.get("outbox.lastError")) + "</th><th></th></tr></thead><tbody>");
    for (OutboxItem r : rows) {
      out.print("<tr><td>" + r.id() + "</td><td>" + Html.esc(t.code("outbox", r.status().name())) + "</td><td>"
          + Html.esc(r.partnerKey()) + "</td><td>" + Html.esc(t.type(r.messageType())) + "</td><td>");
      if (r.bridgeKey() != null) {
        out.print("<a href='" + Html.attr(view.request().getContextPath() + view.request().getServletPath() + "/"
            + TransactionsPage.LABEL + "?tx=" + Html.url(r.bridgeKey())) + "'>" + Html.esc(r.bridgeKey()) + "</a>");
      }
      out.print("</td><td>" + r.attempts() + "</td><td>" + Html.esc(t.dateTime(r.queuedAt())) + "</td><td>"
          + Html.esc(r.lastError()) + "</td><td>");
      if (r.status() == OutboxStatus.DEAD || r.status() == OutboxStatus.DISCARDED) {
        h.form(action, "inline").hidden("action", "resend").hidden("item", r.id());
        if (bridgeKey != null) {
          h.hidden("tx", bridgeKey);
        }
        h.button(t.get("outbox.retry"), "retry", null).endForm();
      }
      if (r.status() == OutboxStatus.DEAD && bridgeKey == null) {
        h.form(action, "inline").hidden("action", "discard").hidden("item", r.id());
        h.input("reason-" + r.id(), t.get("action.reason"), "reason", "", "required size='16'");
        h.button(t.get("outbox.discard"), "discard", t.get("outbox.discardConfirm")).endForm();
      }
      out.print("</td></tr>");
    }
    out.print("</tbody></table>");
  }

  /** Requests from unknown requesters: NEW transactions without a requester partner (newest first, bounded scan). */
  List<TransactionRecord> reviewQueue() {
    return store.search(new TransactionQuery(null, null, java.util.Set.of(TransactionState.NEW), null, null, REVIEW_SCAN, null))
        .items().stream().filter(r -> r.requester().partnerKey() == null).toList();
  }

  private void renderReview(View view) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    Html h = view.html();
    out.print("<h2 id='review'>" + Html.esc(t.get("review.title")) + "</h2>");
    List<TransactionRecord> queue = reviewQueue();
    if (queue.isEmpty()) {
      out.print("<p>" + Html.esc(t.get("review.none")) + "</p>");
      return;
    }
    List<PartnerEntry> partners = directory.list();
    out.print("<table class='nicetable' id='review-queue'><thead><tr><th>" + Html.esc(t.get("tx.key")) + "</th><th>"
        + Html.esc(t.get("review.sender")) + "</th><th>" + Html.esc(t.get("tx.item")) + "</th><th>"
        + Html.esc(t.get("tx.created")) + "</th><th></th></tr></thead><tbody>");
    for (TransactionRecord r : queue) {
      out.print("<tr><td>" + Html.esc(r.bridgeKey()) + "</td><td>" + Html.esc(r.requester().agencyId()) + "</td><td>"
          + Html.esc(r.itemSummary()) + "</td><td>" + Html.esc(t.dateTime(r.createdAt())) + "</td><td>");
      h.form(view.base(), "inline").hidden("action", "accept").hidden("tx", r.bridgeKey());
      out.print("<label for='as-" + Html.attr(r.bridgeKey()) + "'>" + Html.esc(t.get("review.asPartner")) + "</label> <select id='as-"
          + Html.attr(r.bridgeKey()) + "' name='partner'>");
      for (PartnerEntry p : partners) {
        out.print("<option value='" + Html.attr(p.key()) + "'>" + Html.esc(p.key()) + "</option>");
      }
      out.print("</select>");
      h.button(t.get("review.accept"), "accept", null).endForm();
      h.form(view.base(), "inline").hidden("action", "reject").hidden("tx", r.bridgeKey());
      h.input("why-" + r.bridgeKey(), t.get("action.reason"), "reason", "", "size='16'");
      out.print(" <label for='refuse-" + Html.attr(r.bridgeKey()) + "'>" + Html.esc(t.get("review.refuseTo"))
          + "</label> <select id='refuse-" + Html.attr(r.bridgeKey()) + "' name='partner'><option value=''>"
          + Html.esc(t.get("review.noRefusal")) + "</option>");
      for (PartnerEntry p : partners) {
        out.print("<option value='" + Html.attr(p.key()) + "'>" + Html.esc(p.key()) + "</option>");
      }
      out.print("</select>");
      h.button(t.get("review.reject"), "reject", t.get("review.rejectConfirm")).endForm();
      out.print("</td></tr>");
    }
    out.print("</tbody></table>");
  }

  @Override
  Outcome act(View view) {
    String action = view.param("action");
    if (action == null) {
      return Outcome.error("error.missing");
    }
    return switch (action) {
      case "resend" -> withItem(view, id -> outbox.resend(id, view.actor())
          ? Outcome.done("outbox.resent", Long.toString(id)) : Outcome.error("outbox.notDead", Long.toString(id)));
      case "discard" -> withItem(view, id -> discard(id, view.param("reason"), view.actor()));
      case "accept" -> review(view, true);
      case "reject" -> review(view, false);
      default -> Outcome.error("error.unknownAction");
    };
  }

  private Outcome discard(long id, String reason, String actor) {
    if (reason == null) {
      return Outcome.error("outbox.reasonRequired", Long.toString(id));
    }
    OutboxItem item = outbox.get(id);
    if (item == null) {
      return Outcome.error("outbox.notFound", Long.toString(id));
    }
    if (!outbox.discard(id, actor)) {
      return Outcome.error("outbox.notDead", Long.toString(id));
    }
    // Outbox.discard audits the act; the reason is recorded next to it.
    store.inTransaction(uow -> {
      uow.audit(actor, "outbox.discard.reason", item.bridgeKey(), item.partnerKey(), "#" + id + ": " + reason);
      return null;
    });
    return Outcome.done("outbox.discarded", Long.toString(id));
  }

  private Outcome review(View view, boolean accept) {
    EngineActions e = engine;
    String key = view.param("tx");
    if (key == null) {
      return Outcome.error("error.missing");
    }
    if (e == null) {
      return Outcome.error("action.engineMissing");
    }
    if (accept) {
      String partner = view.param("partner");
      if (partner == null || directory.get(partner).isEmpty()) {
        return Outcome.error("review.noPartner", partner == null ? "" : partner);
      }
      return e.acceptReview(key, partner, view.actor()) ? Outcome.done("review.accepted", key)
          : Outcome.error("review.notWaiting", key);
    }
    String refuseTo = view.param("partner");
    if (refuseTo == null || refuseTo.isBlank()) {
      return e.rejectReview(key, view.param("reason"), view.actor()) ? Outcome.done("review.rejected", key)
          : Outcome.error("review.notWaiting", key);
    }
    if (directory.get(refuseTo).isEmpty()) {
      return Outcome.error("review.noPartner", refuseTo);
    }
    return e.rejectReview(key, view.param("reason"), refuseTo, view.actor())
        ? Outcome.done("review.refused", key) : Outcome.error("review.notWaiting", key);
  }

  private static Outcome withItem(View view, java.util.function.LongFunction<Outcome> f) {
    try {
      return f.apply(Long.parseLong(view.param("item") == null ? "" : view.param("item")));
    } catch (NumberFormatException e) {
      return Outcome.error("error.missing");
    }
  }
}
