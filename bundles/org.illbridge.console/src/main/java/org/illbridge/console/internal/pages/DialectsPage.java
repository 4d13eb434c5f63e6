package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.illbridge.api.IllBridge;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Dialects: the Dialect services running (their {@code dialect.id} and bundle), the partners using
 * each, and the partners whose dialect is missing with the outgoing messages held for them. New
 * dialect bundles are installed on the console's Bundles page.
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + DialectsPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.dialects.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class DialectsPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-dialects";
  /** Held rows are counted up to this many per partner. */
  static final int HELD_COUNT_LIMIT = 1000;

  /** One running dialect service. */
  record Installed(String id, String bundle, String version, long bundleId) {}

  private final transient PartnerDirectory directory;
  private final transient Outbox outbox;
  private final transient Map<ServiceReference<Dialect>, Installed> installed = new ConcurrentHashMap<>();

  @Activate
  public DialectsPage(@Reference PartnerDirectory directory, @Reference Outbox outbox) {
    this.directory = directory;
    this.outbox = outbox;
  }

  @Reference(service = Dialect.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDialect(ServiceReference<Dialect> ref) {
    Object id = ref.getProperty(Dialect.PROPERTY_ID);
    Bundle b = ref.getBundle();
    if (id != null && b != null) {
      installed.put(ref, new Installed(id.toString(), b.getSymbolicName(), b.getVersion().toString(), b.getBundleId()));
    }
  }

  void removeDialect(ServiceReference<Dialect> ref) {
    installed.remove(ref);
  }

  List<Installed> installed() {
    return installed.values().stream().sorted(Comparator.comparing(Installed::id)).toList();
  }

  @Override
  String label() {
    return LABEL;
  }

  @Override
  void render(View view) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    List<PartnerEntry> partners = directory.list();
    List<Installed> running = installed();
    String root = view.request().getContextPath() + view.request().getServletPath() + "/";
    out.print("<h2>" + Html.esc(t.get("dialects.installed")) + "</h2>");
    out.print("<table class='nicetable' id='dialects'><thead><tr><th>" + Html.esc(t.get("dialects.id")) + "</th><th>"
        + Html.esc(t.get("dialects.bundle")) + "</th><th>" + Html.esc(t.get("dialects.partners")) + "</th></tr></thead><tbody>");
    for (Installed d : running) {
      String users = String.join(", ", partners.stream().filter(p -> p.partner().dialectId().equals(d.id())).map(PartnerEntry::key).toList());
      out.print("<tr><td>" + Html.esc(d.id()) + "</td><td><a href='" + Html.attr(root + "bundles/" + d.bundleId()) + "'>"
          + Html.esc(d.bundle() + " " + d.version()) + "</a></td><td>" + Html.esc(users) + "</td></tr>");
    }
    out.print("</tbody></table>");
    out.print("<p>" + Html.esc(t.get("dialects.upload")) + " <a href='" + Html.attr(root + "bundles") + "'>"
        + Html.esc(t.get("dialects.bundlesPage")) + "</a></p>");

    out.print("<h2>" + Html.esc(t.get("dialects.missing")) + "</h2>");
    List<PartnerEntry> waiting = partners.stream()
        .filter(p -> running.stream().noneMatch(d -> d.id().equals(p.partner().dialectId()))).toList();
    if (waiting.isEmpty()) {
      out.print("<p id='no-missing'>" + Html.esc(t.get("dialects.noneMissing")) + "</p>");
      return;
    }
    out.print("<table class='nicetable' id='missing-dialects'><thead><tr><th>" + Html.esc(t.get("search.partner")) + "</th><th>"
        + Html.esc(t.get("dialects.id")) + "</th><th>" + Html.esc(t.get("dialects.held")) + "</th></tr></thead><tbody>");
    for (PartnerEntry p : waiting) {
      int held = 0;
      for (OutboxStatus s : List.of(OutboxStatus.PENDING, OutboxStatus.IN_FLIGHT)) {
        List<OutboxItem> rows = outbox.list(new OutboxQuery(s, p.key(), null, HELD_COUNT_LIMIT, null)).items();
        held += rows.size();
      }
      out.print("<tr><td>" + Html.esc(p.key()) + "</td><td>" + Html.esc(p.partner().dialectId()) + "</td><td><a href='"
          + Html.attr(root + OutboxPage.LABEL + "?status=PENDING&partner=" + Html.url(p.key())) + "'>"
          + (held >= HELD_COUNT_LIMIT ? HELD_COUNT_LIMIT + "+" : Integer.toString(held)) + "</a></td></tr>");
    }
    out.print("</tbody></table>");
  }
}
