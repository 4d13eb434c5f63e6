package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.illbridge.api.IllBridge;
import org.illbridge.api.store.AuditEntry;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.TransactionStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The audit log, newest first: filtered by transaction or partner in the store (indexed), and by
 * actor and action on the fetched page (the store SPI has no such filter; a page scans at most
 * {@value #SCAN} entries to fill itself).
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + AuditPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.audit.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class AuditPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-audit";
  static final int PAGE_SIZE = 100;
  static final int SCAN = 2000;

  private final transient TransactionStore store;

  @Activate
  public AuditPage(@Reference TransactionStore store) {
    this.store = store;
  }

  @Override
  String label() {
    return LABEL;
  }

  @Override
  void render(View view) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    String tx = view.param("tx");
    String partner = view.param("partner");
    String actor = view.param("actor");
    String action = view.param("action");
    out.print("<h2>" + Html.esc(t.get("audit.title")) + "</h2>");
    out.print("<form method='get' action='" + Html.attr(view.base()) + "' id='audit-filter'><fieldset>");
    Html h = view.html();
    h.input("f-tx", t.get("tx.key"), "tx", tx, "size='16'");
    h.input("f-partner", t.get("search.partner"), "partner", partner, "size='12'");
    h.input("f-actor", t.get("audit.actor"), "actor", actor, "size='12'");
    h.input("f-action", t.get("audit.action"), "action", action, "size='16'");
    out.print("<button type='submit' class='ui-button'>" + Html.esc(t.get("search.go")) + "</button></fieldset></form>");

    List<AuditEntry> shown = new ArrayList<>();
    String cursor = view.param("cursor");
    int scanned = 0;
    String next = cursor;
    do {
      Page<AuditEntry> page = store.audit(tx, tx == null ? partner : null, PAGE_SIZE, next);
      scanned += page.items().size();
      for (AuditEntry e : page.items()) {
        if (shown.size() < PAGE_SIZE && matches(e, tx, partner, actor, action, t)) {
          shown.add(e);
        }
      }
      next = page.nextCursor();
    } while (next != null && shown.size() < PAGE_SIZE && scanned < SCAN);
    if (shown.isEmpty()) {
      out.print("<p>" + Html.esc(t.get("audit.none")) + "</p>");
    } else {
      renderEntries(view, shown);
    }
    if (next != null) {
      StringBuilder link = new StringBuilder(view.base()).append("?cursor=").append(Html.url(
          shown.size() >= PAGE_SIZE ? Long.toString(shown.get(shown.size() - 1).id()) : next));
      for (String p : new String[] {"tx", "partner", "actor", "action"}) {
        if (view.param(p) != null) {
          link.append('&').append(p).append('=').append(Html.url(view.param(p)));
        }
      }
      out.print("<p><a id='audit-next' href='" + Html.attr(link) + "'>" + Html.esc(t.get("search.next")) + "</a></p>");
    }
  }

  static boolean matches(AuditEntry e, String tx, String partner, String actor, String action, Texts t) {
    if (tx != null && partner != null && !partner.equals(e.partnerKey())) {
      return false;
    }
    if (actor != null && !actor.equalsIgnoreCase(e.actor())) {
      return false;
    }
    if (action != null) {
      String needle = action.toLowerCase(Locale.ROOT);
      return e.action() != null && (e.action().toLowerCase(Locale.ROOT).contains(needle)
          || t.code("audit", e.action()).toLowerCase(t.locale()).contains(needle));
    }
    return true;
  }

  static void renderEntries(View view, List<AuditEntry> entries) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    String root = view.request().getContextPath() + view.request().getServletPath() + "/";
    out.print("<table class='nicetable audit-entries'><thead><tr><th>" + Html.esc(t.get("audit.at")) + "</th><th>"
        + Html.esc(t.get("audit.actor")) + "</th><th>" + Html.esc(t.get("audit.action")) + "</th><th>" + Html.esc(t.get("tx.key"))
        + "</th><th>" + Html.esc(t.get("search.partner")) + "</th><th>" + Html.esc(t.get("audit.detail"))
        + "</th></tr></thead><tbody>");
    for (AuditEntry e : entries) {
      out.print("<tr><td>" + Html.esc(t.dateTime(e.at())) + "</td><td>" + Html.esc(e.actor()) + "</td><td>"
          + Html.esc(t.code("audit", e.action())) + "</td><td>");
      if (e.bridgeKey() != null) {
        out.print("<a href='" + Html.attr(root + TransactionsPage.LABEL + "?tx=" + Html.url(e.bridgeKey())) + "'>"
            + Html.esc(e.bridgeKey()) + "</a>");
      }
      out.print("</td><td>" + Html.esc(e.partnerKey()) + "</td><td>" + Html.esc(e.detail()) + "</td></tr>");
    }
    out.print("</tbody></table>");
  }
}
