package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.illbridge.api.IllBridge;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.AuditEntry;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
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
 * Transactions: server-side search (any id, partner, state, creation date; keyset paging), one
 * transaction with the timeline of its messages decoded to readable text, the raw bytes (XML, or
 * hex and the BER tree), and the staff actions Repeat Last Message, resend, cancel and mark
 * complete — each audited.
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + TransactionsPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.transactions.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class TransactionsPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-transactions";
  static final int PAGE_SIZE = 50;

  private final transient TransactionStore store;
  private final transient PartnerDirectory directory;
  private final transient Outbox outbox;
  private final transient Map<Protocol, ProtocolCodec> codecs = new ConcurrentHashMap<>();
  private transient volatile EngineActions engine;

  @Activate
  public TransactionsPage(@Reference TransactionStore store, @Reference PartnerDirectory directory,
      @Reference Outbox outbox) {
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

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addCodec(ProtocolCodec codec) {
    codecs.put(codec.protocol(), codec);
  }

  void removeCodec(ProtocolCodec codec) {
    codecs.remove(codec.protocol(), codec);
  }

  @Override
  String label() {
    return LABEL;
  }

  @Override
  void render(View view) throws IOException {
    String key = view.param("tx");
    if (key == null) {
      renderSearch(view);
      return;
    }
    Optional<TransactionRecord> tx = store.find(key);
    if (tx.isEmpty()) {
      view.out().print("<p class='illbridge-error'>" + Html.esc(view.t("tx.notFound", key)) + "</p>");
      renderSearch(view);
      return;
    }
    String raw = view.param("raw");
    if (raw != null) {
      renderRaw(view, tx.get(), raw);
    } else {
      renderTransaction(view, tx.get());
    }
  }

  // --- search ------------------------------------------------------------------------------------

  /** The query the search form describes; bad input gives an IllegalArgumentException with a clear text. */
  static TransactionQuery query(View view) {
    Set<TransactionState> states = EnumSet.noneOf(TransactionState.class);
    String[] asked = view.request().getParameterValues("state");
    if (asked != null) {
      for (String s : asked) {
        if (s != null && !s.isBlank()) {
          try {
            states.add(TransactionState.valueOf(s.trim()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(view.t("search.badState", s));
          }
        }
      }
    }
    ZoneId zone = ZoneId.systemDefault();
    LocalDate from = date(view, "from");
    LocalDate to = date(view, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException(view.t("search.badRange"));
    }
    return new TransactionQuery(view.param("q"), view.param("partner"), states,
        from == null ? null : from.atStartOfDay(zone).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), PAGE_SIZE, view.param("cursor"));
  }

  private static LocalDate date(View view, String name) {
    String v = view.param(name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(view.t("search.badDate", v));
    }
  }

  private void renderSearch(View view) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    TransactionQuery query;
    String problem = null;
    try {
      query = query(view);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
      query = TransactionQuery.all(PAGE_SIZE);
    }
    out.print("<h2>" + Html.esc(t.get("tx.search")) + "</h2>");
    out.print("<form method='get' action='" + Html.attr(view.base()) + "' id='tx-search'><fieldset>");
    Html h = view.html();
    h.input("q", t.get("search.anyId"), "q", view.param("q"), "size='24'");
    out.print("<label for='partner'>" + Html.esc(t.get("search.partner")) + "</label> <select id='partner' name='partner'><option value=''>"
        + Html.esc(t.get("search.anyPartner")) + "</option>");
    for (PartnerEntry p : directory.list()) {
      out.print("<option value='" + Html.attr(p.key()) + "'" + (p.key().equals(view.param("partner")) ? " selected" : "")
          + ">" + Html.esc(p.partner().name() == null ? p.key() : p.partner().name() + " (" + p.key() + ")") + "</option>");
    }
    out.print("</select>");
    out.print("<label for='state'>" + Html.esc(t.get("search.state")) + "</label> <select id='state' name='state'><option value=''>"
        + Html.esc(t.get("search.anyState")) + "</option>");
    for (TransactionState s : TransactionState.values()) {
      out.print("<option value='" + s.name() + "'" + (query.states().contains(s) ? " selected" : "") + ">"
          + Html.esc(t.state(s)) + "</option>");
    }
    out.print("</select>");
    h.input("from", t.get("search.from"), "from", view.param("from"), "type='date'");
    h.input("to", t.get("search.to"), "to", view.param("to"), "type='date'");
    out.print("<button type='submit' class='ui-button'>" + Html.esc(t.get("search.go")) + "</button></fieldset></form>");
    if (problem != null) {
      out.print("<p class='illbridge-error'>" + Html.esc(problem) + "</p>");
      return;
    }
    Page<TransactionRecord> page = store.search(query);
    if (page.items().isEmpty()) {
      out.print("<p>" + Html.esc(t.get("search.none")) + "</p>");
      return;
    }
    out.print("<table class='tablesorter nicetable' id='tx-results'><thead><tr><th>" + Html.esc(t.get("tx.key"))
        + "</th><th>" + Html.esc(t.get("tx.state")) + "</th><th>" + Html.esc(t.get("tx.requester")) + "</th><th>"
        + Html.esc(t.get("tx.supplier")) + "</th><th>" + Html.esc(t.get("tx.item")) + "</th><th>"
        + Html.esc(t.get("tx.created")) + "</th><th>" + Html.esc(t.get("tx.updated")) + "</th></tr></thead><tbody>");
    for (TransactionRecord r : page.items()) {
      out.print("<tr><td><a href='" + Html.attr(view.base() + "?tx=" + Html.url(r.bridgeKey())) + "'>" + Html.esc(r.bridgeKey())
          + "</a></td><td>" + Html.esc(t.state(r.state())) + "</td><td>" + Html.esc(side(t, r.requester().partnerKey(),
          r.requester().agencyId())) + "</td><td>" + Html.esc(side(t, r.supplier().partnerKey(), r.supplier().agencyId()))
          + "</td><td>" + Html.esc(r.itemSummary()) + "</td><td>" + Html.esc(t.dateTime(r.createdAt())) + "</td><td>"
          + Html.esc(t.dateTime(r.updatedAt())) + "</td></tr>");
    }
    out.print("</tbody></table>");
    if (page.hasMore()) {
      StringBuilder next = new StringBuilder(view.base()).append("?cursor=").append(Html.url(page.nextCursor()));
      for (String p : new String[] {"q", "partner", "from", "to"}) {
        if (view.param(p) != null) {
          next.append('&').append(p).append('=').append(Html.url(view.param(p)));
        }
      }
      for (TransactionState s : query.states()) {
        next.append("&state=").append(s.name());
      }
      out.print("<p><a id='next-page' href='" + Html.attr(next) + "'>" + Html.esc(t.get("search.next")) + "</a></p>");
    }
  }

  private static String side(Texts t, String partnerKey, Object agencyId) {
    if (partnerKey != null) {
      return partnerKey;
    }
    return agencyId == null ? "" : t.get("tx.unknownPartner", agencyId);
  }

  // --- one transaction ---------------------------------------------------------------------------

  private void renderTransaction(View view, TransactionRecord tx) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    String key = tx.bridgeKey();
    out.print("<p><a href='" + Html.attr(view.base()) + "'>" + Html.esc(t.get("tx.back")) + "</a></p>");
    out.print("<h2 id='tx-title'>" + Html.esc(t.get("tx.title", key)) + "</h2>");
    out.print("<table class='nicetable' id='tx-facts'>");
    row(out, t.get("tx.state"), t.state(tx.state()));
    row(out, t.get("tx.service"), tx.serviceType() == null ? "" : t.code("service", tx.serviceType().name()));
    row(out, t.get("tx.item"), tx.itemSummary());
    row(out, t.get("tx.requester"), side(t, tx.requester().partnerKey(), tx.requester().agencyId()));
    row(out, t.get("tx.requesterIds"), ids(tx.requester().requesterTxId(), tx.requester().supplierTxId()));
    row(out, t.get("tx.supplier"), side(t, tx.supplier().partnerKey(), tx.supplier().agencyId()));
    row(out, t.get("tx.supplierIds"), ids(tx.supplier().requesterTxId(), tx.supplier().supplierTxId()));
    row(out, t.get("tx.lenders"), tx.lenders().isEmpty() ? "" : String.join(", ", tx.lenders())
        + (tx.currentLender() == null ? "" : " — " + t.get("tx.currentLender", tx.currentLender())));
    row(out, t.get("tx.due"), tx.dueDate() == null ? "" : tx.dueDate().toString());
    row(out, t.get("tx.created"), t.dateTime(tx.createdAt()));
    row(out, t.get("tx.updated"), t.dateTime(tx.updatedAt()));
    out.print("</table>");

    renderActions(view, tx);

    out.print("<h3>" + Html.esc(t.get("tx.timeline")) + "</h3>");
    List<MessageRecord> messages = store.messages(key);
    if (messages.isEmpty()) {
      out.print("<p>" + Html.esc(t.get("tx.noMessages")) + "</p>");
    } else {
      out.print("<table class='nicetable' id='timeline'><thead><tr><th>" + Html.esc(t.get("msg.at")) + "</th><th>"
          + Html.esc(t.get("msg.direction")) + "</th><th>" + Html.esc(t.get("msg.partner")) + "</th><th>"
          + Html.esc(t.get("msg.message")) + "</th><th>" + Html.esc(t.get("msg.result")) + "</th><th></th></tr></thead><tbody>");
      for (MessageRecord m : messages) {
        boolean in = m.direction() == Direction.INBOUND;
        out.print("<tr class='" + (in ? "in" : "out") + "'><td>" + Html.esc(t.dateTime(m.at())) + "</td><td>"
            + Html.esc(t.get(in ? "msg.inbound" : "msg.outbound")) + "</td><td>" + Html.esc(m.partnerKey())
            + "</td><td>" + describe(t, m) + "</td><td>" + Html.esc(t.result(m.result())));
        for (String w : m.warnings()) {
          out.print("<br/><em>" + Html.esc(t.get("msg.warning", w)) + "</em>");
        }
        if (m.duplicateCount() > 0) {
          out.print("<br/>" + Html.esc(t.get("msg.duplicates", m.duplicateCount())));
        }
        out.print("</td><td><a class='raw-link' href='" + Html.attr(view.base() + "?tx=" + Html.url(key) + "&raw=" + m.id())
            + "'>" + Html.esc(t.get(m.protocol() == Protocol.ISO10161 ? "msg.rawBer" : "msg.raw")) + "</a></td></tr>");
      }
      out.print("</tbody></table>");
    }

    Page<OutboxItem> queued = outbox.list(new OutboxQuery(null, null, key, 100, null));
    if (!queued.items().isEmpty()) {
      out.print("<h3>" + Html.esc(t.get("tx.outbox")) + "</h3>");
      OutboxPage.renderRows(view, queued.items(), key);
    }

    Page<AuditEntry> audit = store.audit(key, null, 50, null);
    if (!audit.items().isEmpty()) {
      out.print("<h3>" + Html.esc(t.get("tx.audit")) + "</h3>");
      AuditPage.renderEntries(view, audit.items());
    }
  }

  private void renderActions(View view, TransactionRecord tx) throws IOException {
    Texts t = view.texts();
    Html h = view.html();
    PrintWriter out = view.out();
    out.print("<fieldset id='tx-actions'><legend>" + Html.esc(t.get("tx.actions")) + "</legend>");
    h.form(view.base(), "inline").hidden("tx", tx.bridgeKey()).hidden("action", "repeat")
        .button(t.get("action.repeat"), "repeat", null).endForm();
    if (!tx.state().isTerminal()) {
      h.form(view.base(), "inline").hidden("tx", tx.bridgeKey()).hidden("action", "cancel");
      h.input("cancel-reason", t.get("action.reason"), "reason", "", "size='20'");
      h.button(t.get("action.cancel"), "cancel", t.get("action.cancelConfirm")).endForm();
      h.form(view.base(), "inline").hidden("tx", tx.bridgeKey()).hidden("action", "complete")
          .button(t.get("action.complete"), "complete", t.get("action.completeConfirm")).endForm();
    }
    out.print("<p><small>" + Html.esc(t.get("action.help")) + "</small></p></fieldset>");
  }

  /** Readable text of one logged message: decoded with its protocol's codec when possible. */
  String describe(Texts t, MessageRecord m) {
    StringBuilder s = new StringBuilder();
    IllMessage decoded = null;
    String problem = null;
    ProtocolCodec codec = codecs.get(m.protocol());
    if (m.redacted()) {
      problem = t.get("msg.redacted");
    } else if (codec == null) {
      problem = t.get("msg.noCodec", t.code("protocol", m.protocol().name()));
    } else {
      try {
        byte[] raw = store.rawMessage(m.id()).orElse(null);
        decoded = raw == null || raw.length == 0 ? null : codec.decode(raw, null);
      } catch (CodecException | RuntimeException e) {
        problem = t.get("msg.undecodable", e.getMessage());
      }
    }
    s.append("<strong>").append(Html.esc(t.type(decoded != null ? decoded.type() : m.messageType()))).append("</strong>");
    if (decoded != null) {
      if (decoded.sender() != null && decoded.recipient() != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.fromTo", decoded.sender(), decoded.recipient())));
      } else if (decoded.sender() != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.from", decoded.sender())));
      } else if (decoded.recipient() != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.to", decoded.recipient())));
      }
      if (decoded.requesterTransactionId() != null || decoded.supplierTransactionId() != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.ids", ids(decoded.requesterTransactionId(), decoded.supplierTransactionId()))));
      }
      ServiceType st = decoded.serviceType();
      if (st != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.service", t.code("service", st.name()))));
      }
      if (decoded.item() != null && (decoded.item().title() != null || decoded.item().author() != null)) {
        s.append("<br/>").append(Html.esc(t.get("msg.item", decoded.item().title() == null ? "" : decoded.item().title(),
            decoded.item().author() == null ? "" : decoded.item().author())));
      }
      if (decoded.reason() != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.reason", t.reason(decoded.type(), decoded.reason()))));
      }
      if (decoded.answer() != null) {
        s.append("<br/>").append(Html.esc(t.get(decoded.answer() ? "msg.answerYes" : "msg.answerNo")));
      }
      if (decoded.dueDate() != null) {
        s.append("<br/>").append(Html.esc(t.get("msg.dueDate", decoded.dueDate().toString())));
      }
      if (decoded.note() != null && !decoded.note().isBlank()) {
        s.append("<br/>").append(Html.esc(t.get("msg.note", decoded.note())));
      }
      if (decoded.patron() != null) {
        s.append("<br/><em>").append(Html.esc(t.get("msg.patronPresent"))).append("</em>");
      }
    } else {
      if (m.summary() != null && !m.summary().isBlank() && !m.containsPatronData()) {
        s.append("<br/>").append(Html.esc(m.summary()));
      }
      if (problem != null) {
        s.append("<br/><em>").append(Html.esc(problem)).append("</em>");
      }
    }
    return s.toString();
  }

  private static String ids(String requesterId, String supplierId) {
    StringBuilder s = new StringBuilder();
    if (requesterId != null) {
      s.append(requesterId);
    }
    if (supplierId != null) {
      s.append(s.length() > 0 ? " / " : "").append(supplierId);
    }
    return s.toString();
  }

  private static void row(PrintWriter out, String name, String value) {
    out.print("<tr><th>" + Html.esc(name) + "</th><td>" + Html.esc(value) + "</td></tr>");
  }

  // --- raw ---------------------------------------------------------------------------------------

  private void renderRaw(View view, TransactionRecord tx, String rawId) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    long id;
    try {
      id = Long.parseLong(rawId);
    } catch (NumberFormatException e) {
      out.print("<p class='illbridge-error'>" + Html.esc(t.get("raw.badId", rawId)) + "</p>");
      return;
    }
    MessageRecord m = store.messages(tx.bridgeKey()).stream().filter(r -> r.id() == id).findFirst().orElse(null);
    out.print("<p><a href='" + Html.attr(view.base() + "?tx=" + Html.url(tx.bridgeKey())) + "'>"
        + Html.esc(t.get("raw.back", tx.bridgeKey())) + "</a></p>");
    if (m == null) {
      out.print("<p class='illbridge-error'>" + Html.esc(t.get("raw.notInTx", rawId)) + "</p>");
      return;
    }
    byte[] raw = store.rawMessage(id).orElse(new byte[0]);
    out.print("<h2>" + Html.esc(t.get("raw.title", t.type(m.messageType()), t.dateTime(m.at()))) + "</h2>");
    if (m.redacted()) {
      out.print("<p>" + Html.esc(t.get("msg.redacted")) + "</p>");
    }
    if (m.protocol() == Protocol.ISO10161) {
      out.print("<h3>" + Html.esc(t.get("raw.tree")) + "</h3>");
      out.print(BerTree.render(raw, t));
      out.print("<h3>" + Html.esc(t.get("raw.hex")) + "</h3><pre id='raw-hex'>" + Html.esc(BerTree.hexDump(raw)) + "</pre>");
    } else {
      out.print("<pre id='raw-text'>" + Html.esc(new String(raw, StandardCharsets.UTF_8)) + "</pre>");
    }
  }

  // --- actions -----------------------------------------------------------------------------------

  @Override
  Outcome act(View view) {
    String key = view.param("tx");
    String action = view.param("action");
    if (key == null || action == null) {
      return Outcome.error("error.missing");
    }
    Outcome outcome = switch (action) {
      case "repeat" -> repeat(key, view.actor());
      case "resend" -> resend(view, key);
      case "cancel" -> close(key, TransactionState.CANCELLED, "transaction.cancel", view.param("reason"), view.actor());
      case "complete" -> complete(key, view.actor());
      default -> Outcome.error("error.unknownAction");
    };
    return outcome.back("tx", key);
  }

  private Outcome repeat(String key, String actor) {
    EngineActions e = engine;
    if (e == null) {
      return Outcome.error("action.engineMissing");
    }
    return switch (e.repeatLastMessage(key, actor)) {
      case QUEUED -> Outcome.done("action.repeat.queued", key);
      case ALREADY_QUEUED -> Outcome.done("action.repeat.already", key);
      case NOTHING_TO_REPEAT -> Outcome.error("action.repeat.nothing", key);
      case UNKNOWN_TRANSACTION -> Outcome.error("tx.notFound", key);
    };
  }

  private Outcome resend(View view, String key) {
    long id;
    try {
      id = Long.parseLong(view.param("item") == null ? "" : view.param("item"));
    } catch (NumberFormatException e) {
      return Outcome.error("error.missing");
    }
    OutboxItem item = outbox.get(id);
    if (item == null || !key.equals(item.bridgeKey())) {
      return Outcome.error("outbox.notFound", Long.toString(id));
    }
    return outbox.resend(id, view.actor()) ? Outcome.done("outbox.resent", Long.toString(id))
        : Outcome.error("outbox.notDead", Long.toString(id));
  }

  private Outcome complete(String key, String actor) {
    TransactionRecord tx = store.find(key).orElse(null);
    if (tx == null) {
      return Outcome.error("tx.notFound", key);
    }
    TransactionState done = tx.serviceType() == ServiceType.COPY ? TransactionState.COPY_COMPLETED
        : TransactionState.LOAN_COMPLETED;
    return close(key, done, "transaction.complete", null, actor);
  }

  /**
   * Closes a transaction by hand (cancel, mark complete): the state changes, its timers stop and
   * the change is audited, all in one unit of work. No message is sent to the partners: a staff
   * member uses this when the partner was told another way (telephone, e-mail) or no longer answers.
   */
  private Outcome close(String key, TransactionState target, String auditAction, String reason, String actor) {
    String result = store.inTransaction(uow -> {
      TransactionRecord tx = uow.lockTransaction(key).orElse(null);
      if (tx == null) {
        return "tx.notFound";
      }
      if (tx.state().isTerminal()) {
        return "action.alreadyClosed";
      }
      uow.updateTransaction(tx.withState(target));
      uow.cancelTimers(key, null);
      uow.audit(actor, auditAction, key, null, reason);
      return null;
    });
    if (result != null) {
      return Outcome.error(result, key);
    }
    return Outcome.done(target == TransactionState.CANCELLED ? "action.cancelled" : "action.completed", key);
  }
}
