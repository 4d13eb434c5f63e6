package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.illbridge.api.IllBridge;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.console.PasswordHash;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Partners: list, create, edit, enable/disable, block/unblock; dialect, endpoints (with their
 * overlap periods), inbound authentication (secrets stored only as hashes), days-to-respond; and a
 * connection test per partner.
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + PartnersPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.partners.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class PartnersPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-partners";

  private final transient PartnerDirectory directory;
  private final transient TransactionStore store;
  private final transient Set<String> dialects = ConcurrentHashMap.newKeySet();
  transient ConnectionTester tester = new ConnectionTester();

  @Activate
  public PartnersPage(@Reference PartnerDirectory directory, @Reference TransactionStore store) {
    this.directory = directory;
    this.store = store;
  }

  @Reference(service = Dialect.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addDialect(ServiceReference<Dialect> ref) {
    Object id = ref.getProperty(Dialect.PROPERTY_ID);
    if (id != null) {
      dialects.add(id.toString());
    }
  }

  void removeDialect(ServiceReference<Dialect> ref) {
    Object id = ref.getProperty(Dialect.PROPERTY_ID);
    if (id != null) {
      dialects.remove(id.toString());
    }
  }

  void addDialectId(String id) {
    dialects.add(id);
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
    out.print("<h2>" + Html.esc(t.get("partners.title")) + "</h2>");
    out.print("<p><a id='new-partner' class='ui-button' href='" + Html.attr(view.base() + "?edit=") + "'>"
        + Html.esc(t.get("partners.new")) + "</a></p>");
    if (partners.isEmpty()) {
      out.print("<p>" + Html.esc(t.get("partners.none")) + "</p>");
    } else {
      out.print("<table class='nicetable' id='partners'><thead><tr><th>" + Html.esc(t.get("partner.key")) + "</th><th>"
          + Html.esc(t.get("partner.name")) + "</th><th>" + Html.esc(t.get("partner.ids")) + "</th><th>"
          + Html.esc(t.get("partner.protocol")) + "</th><th>" + Html.esc(t.get("partner.dialect")) + "</th><th>"
          + Html.esc(t.get("partner.endpoints")) + "</th><th>" + Html.esc(t.get("partner.days")) + "</th><th>"
          + Html.esc(t.get("partner.status")) + "</th><th></th></tr></thead><tbody>");
      Html h = view.html();
      for (PartnerEntry e : partners) {
        Partner p = e.partner();
        out.print("<tr id='partner-" + Html.attr(p.key()) + "'><td><a href='" + Html.attr(view.base() + "?edit=" + Html.url(p.key())) + "'>"
            + Html.esc(p.key()) + "</a></td><td>" + Html.esc(p.name()) + "</td><td>" + Html.esc(join(p.ids())) + "</td><td>"
            + Html.esc(t.code("protocol", p.protocol().name())) + "</td><td>" + Html.esc(p.dialectId())
            + (dialects.contains(p.dialectId()) ? "" : " <em>(" + Html.esc(t.get("partner.dialectMissing")) + ")</em>")
            + "</td><td>" + Html.esc(endpointsText(p.endpoints())) + "</td><td>" + p.daysToRespond() + "</td><td>"
            + Html.esc(t.get(p.enabled() ? "partner.enabled" : "partner.disabled"))
            + (p.blocked() ? ", " + Html.esc(t.get("partner.blocked")) : "") + "</td><td>");
        h.form(view.base(), "inline").hidden("key", p.key()).hidden("action", p.enabled() ? "disable" : "enable")
            .button(t.get(p.enabled() ? "partner.disable" : "partner.enable"), "toggle", null).endForm();
        h.form(view.base(), "inline").hidden("key", p.key()).hidden("action", p.blocked() ? "unblock" : "block")
            .button(t.get(p.blocked() ? "partner.unblock" : "partner.block"), "block", null).endForm();
        h.form(view.base(), "inline").hidden("key", p.key()).hidden("action", "test")
            .button(t.get("partner.test"), "test", null).endForm();
        out.print("</td></tr>");
      }
      out.print("</tbody></table>");
    }
    String edit = view.request().getParameter("edit");
    if (edit != null) {
      renderForm(view, edit.isBlank() ? Optional.empty() : directory.get(edit.trim()));
    }
  }

  private void renderForm(View view, Optional<PartnerEntry> existing) throws IOException {
    PrintWriter out = view.out();
    Texts t = view.texts();
    Html h = view.html();
    Partner p = existing.map(PartnerEntry::partner).orElse(null);
    InboundAuth auth = existing.map(PartnerEntry::inboundAuth).orElse(InboundAuth.NONE);
    out.print("<h3 id='partner-form-title'>" + Html.esc(p == null ? t.get("partners.new") : t.get("partners.edit", p.key())) + "</h3>");
    h.form(view.base(), "partner-form").hidden("action", "save").hidden("version", existing.map(PartnerEntry::version).orElse(0L));
    out.print("<fieldset><table>");
    out.print("<tr><td>");
    if (p == null) {
      h.input("p-key", t.get("partner.key"), "key", "", "required pattern='[A-Za-z0-9._-]{1,64}'");
    } else {
      h.hidden("key", p.key()).raw(Html.esc(t.get("partner.key")) + ": <strong>" + Html.esc(p.key()) + "</strong>");
    }
    out.print("</td></tr><tr><td>");
    h.input("p-name", t.get("partner.name"), "name", p == null ? "" : p.name(), "size='40'");
    out.print("</td></tr><tr><td><label for='p-ids'>" + Html.esc(t.get("partner.idsHelp")) + "</label><br/><textarea id='p-ids' name='ids' rows='3' cols='40'>"
        + Html.esc(p == null ? "" : String.join("\n", p.ids().stream().map(AgencyId::toString).toList())) + "</textarea></td></tr>");
    out.print("<tr><td><label for='p-protocol'>" + Html.esc(t.get("partner.protocol")) + "</label> <select id='p-protocol' name='protocol'>");
    for (Protocol pr : Protocol.values()) {
      out.print("<option value='" + pr.name() + "'" + (p != null && p.protocol() == pr ? " selected" : "") + ">"
          + Html.esc(t.code("protocol", pr.name())) + "</option>");
    }
    out.print("</select> ");
    h.input("p-dialect", t.get("partner.dialect"), "dialect", p == null ? "standard" : p.dialectId(), "list='dialect-ids'");
    out.print("<datalist id='dialect-ids'>");
    for (String d : dialects.stream().sorted().toList()) {
      out.print("<option value='" + Html.attr(d) + "'>");
    }
    out.print("</datalist> ");
    h.input("p-days", t.get("partner.days"), "days", p == null ? "7" : Integer.toString(p.daysToRespond()), "type='number' min='0' max='365'");
    out.print("</td></tr><tr><td><label for='p-endpoints'>" + Html.esc(t.get("partner.endpointsHelp")) + "</label><br/><textarea id='p-endpoints' name='endpoints' rows='3' cols='70'>"
        + Html.esc(p == null ? "" : String.join("\n", p.endpoints().stream().map(PartnersPage::endpointLine).toList())) + "</textarea></td></tr>");
    out.print("<tr><td>");
    checkbox(out, "p-enabled", "enabled", t.get("partner.enabled"), p == null || p.enabled());
    checkbox(out, "p-blocked", "blocked", t.get("partner.blocked"), p != null && p.blocked());
    checkbox(out, "p-strict", "strict", t.get("partner.strict"), p != null && p.strictParsing());
    checkbox(out, "p-notes", "notes", t.get("partner.notes"), p == null || p.notesAllowed());
    out.print("<br/>");
    h.input("p-blocked-lenders", t.get("partner.blockedLenders"), "blockedLenders",
        p == null ? "" : String.join(", ", p.blockedLenders()), "size='60'");
    out.print("</td></tr><tr><td><strong>" + Html.esc(t.get("partner.auth")) + "</strong><br/>");
    h.input("p-sources", t.get("partner.sources"), "sources", String.join(", ", auth.allowedSources()), "size='40'");
    out.print("<br/>");
    h.input("p-user", t.get("partner.basicUser"), "basicUser", auth.basicAuthUser(), "size='16' autocomplete='off'");
    h.input("p-password", t.get(auth.passwordHash() == null ? "partner.password" : "partner.passwordKeep"), "password", "",
        "type='password' autocomplete='new-password'");
    h.input("p-secret", t.get(auth.sharedSecretHash() == null ? "partner.secret" : "partner.secretKeep"), "secret", "",
        "type='password' autocomplete='new-password'");
    out.print("</td></tr></table>");
    h.button(t.get("partner.save"), "save", null);
    out.print("</fieldset>");
    h.endForm();
  }

  private static void checkbox(PrintWriter out, String id, String name, String label, boolean checked) {
    out.print("<input type='checkbox' id='" + id + "' name='" + name + "' value='true'" + (checked ? " checked" : "")
        + "/> <label for='" + id + "'>" + Html.esc(label) + "</label> ");
  }

  static String join(List<AgencyId> ids) {
    StringJoiner j = new StringJoiner(", ");
    ids.forEach(i -> j.add(i.toString()));
    return j.toString();
  }

  static String endpointsText(List<Endpoint> endpoints) {
    StringJoiner j = new StringJoiner("; ");
    endpoints.forEach(e -> j.add(endpointLine(e)));
    return j.toString();
  }

  /** {@code uri [from] [until]}, the form's line format; "-" for an open side. */
  static String endpointLine(Endpoint e) {
    if (e.activeFrom() == null && e.activeUntil() == null) {
      return e.uri().toString();
    }
    return e.uri() + " " + (e.activeFrom() == null ? "-" : e.activeFrom().toString()) + " "
        + (e.activeUntil() == null ? "-" : e.activeUntil().toString());
  }

  /** Parses the form's endpoint lines; dates may be instants or plain dates (midnight, server time zone). */
  static List<Endpoint> parseEndpoints(String text, Texts t) {
    List<Endpoint> list = new ArrayList<>();
    if (text == null) {
      return list;
    }
    for (String line : text.split("\\R")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 0 || parts[0].isEmpty()) {
        continue;
      }
      if (parts.length > 3) {
        throw new IllegalArgumentException(t.get("partner.badEndpoint", line.trim()));
      }
      URI uri;
      try {
        uri = new URI(parts[0]);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(t.get("partner.badEndpoint", line.trim()));
      }
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException(t.get("partner.badEndpoint", line.trim()));
      }
      Instant from = parts.length > 1 ? when(parts[1], t) : null;
      Instant until = parts.length > 2 ? when(parts[2], t) : null;
      if (from != null && until != null && !until.isAfter(from)) {
        throw new IllegalArgumentException(t.get("partner.badPeriod", line.trim()));
      }
      list.add(new Endpoint(uri, from, until));
    }
    return list;
  }

  private static Instant when(String s, Texts t) {
    if (s.equals("-")) {
      return null;
    }
    try {
      return s.contains("T") ? Instant.parse(s) : LocalDate.parse(s).atStartOfDay(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(t.get("search.badDate", s));
    }
  }

  static List<AgencyId> parseIds(String text, Texts t) {
    List<AgencyId> ids = new ArrayList<>();
    if (text != null) {
      for (String s : text.split("[,\\s]+")) {
        if (!s.isBlank()) {
          try {
            ids.add(AgencyId.parse(s.trim()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(t.get("partner.badId", s.trim()));
          }
        }
      }
    }
    return ids;
  }

  @Override
  Outcome act(View view) {
    String action = view.param("action");
    String key = view.param("key");
    if (action == null || key == null) {
      return Outcome.error("error.missing");
    }
    try {
      return switch (action) {
        case "save" -> save(view, key);
        case "enable", "disable", "block", "unblock" -> toggle(view, key, action);
        case "test" -> test(view, key);
        default -> Outcome.error("error.unknownAction");
      };
    } catch (ConflictException e) {
      return Outcome.error("partner.conflict", e.getMessage()).back("edit", key);
    }
  }

  private Outcome save(View view, String key) {
    Texts t = view.texts();
    long version;
    int days;
    Protocol protocol;
    try {
      version = Long.parseLong(view.param("version") == null ? "0" : view.param("version"));
      days = Integer.parseInt(view.param("days") == null ? "0" : view.param("days"));
      protocol = Protocol.valueOf(view.param("protocol") == null ? "" : view.param("protocol"));
    } catch (IllegalArgumentException e) {
      return Outcome.error("partner.badForm", e.getMessage()).back("edit", version(view) == 0 ? "" : key);
    }
    if (days < 0 || days > 365) {
      return Outcome.error("partner.badDays", Integer.toString(days)).back("edit", version == 0 ? "" : key);
    }
    Partner partner;
    InboundAuth auth;
    try {
      List<AgencyId> ids = parseIds(view.param("ids"), t);
      if (ids.isEmpty()) {
        return Outcome.error("partner.noId", key).back("edit", version == 0 ? "" : key);
      }
      partner = new Partner(key, view.param("name") == null ? key : view.param("name"), ids, protocol,
          view.param("dialect"), parseEndpoints(view.param("endpoints"), t), days, checked(view, "blocked"),
          checked(view, "strict"), checked(view, "notes"), checked(view, "enabled"))
          .withBlockedLenders(view.param("blockedLenders") == null ? List.of()
              : Arrays.stream(view.param("blockedLenders").split("[,\\s]+")).filter(k -> !k.isBlank()).toList());
      // Dialect settings come from the partner's configuration file; the form keeps them.
      if (version != 0) {
        partner = partner.withSettings(directory.get(key).map(e -> e.partner().settings()).orElse(null));
      }
      InboundAuth old = version == 0 ? InboundAuth.NONE : directory.get(key).map(PartnerEntry::inboundAuth).orElse(InboundAuth.NONE);
      String password = view.request().getParameter("password");
      String secret = view.request().getParameter("secret");
      List<String> sources = view.param("sources") == null ? List.of()
          : Arrays.stream(view.param("sources").split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
      auth = new InboundAuth(sources, view.param("basicUser"),
          password == null || password.isEmpty() ? old.passwordHash() : PasswordHash.hash(password.toCharArray()),
          secret == null || secret.isEmpty() ? old.sharedSecretHash() : PasswordHash.hash(secret.toCharArray()));
    } catch (IllegalArgumentException e) {
      return Outcome.error("partner.badForm", e.getMessage()).back("edit", version == 0 ? "" : key);
    }
    PartnerEntry saved = directory.save(new PartnerEntry(partner, auth, null, null, version), view.actor());
    return Outcome.done(version == 0 ? "partner.created" : "partner.saved", saved.key());
  }

  private static long version(View view) {
    try {
      return Long.parseLong(view.param("version") == null ? "0" : view.param("version"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean checked(View view, String name) {
    return "true".equals(view.param(name)) || "on".equals(view.param(name));
  }

  private Outcome toggle(View view, String key, String action) {
    PartnerEntry e = directory.get(key).orElse(null);
    if (e == null) {
      return Outcome.error("partner.notFound", key);
    }
    Partner p = e.partner();
    boolean enabled = action.equals("enable") || (!action.equals("disable") && p.enabled());
    boolean blocked = action.equals("block") || (!action.equals("unblock") && p.blocked());
    Partner changed = new Partner(p.key(), p.name(), p.ids(), p.protocol(), p.dialectId(), p.endpoints(),
        p.daysToRespond(), blocked, p.strictParsing(), p.notesAllowed(), enabled, p.settings(),
        p.blockedLenders());
    directory.save(new PartnerEntry(changed, e.inboundAuth(), null, null, e.version()), view.actor());
    return Outcome.done("partner.done." + action, key);
  }

  private Outcome test(View view, String key) {
    PartnerEntry e = directory.get(key).orElse(null);
    if (e == null) {
      return Outcome.error("partner.notFound", key);
    }
    Instant now = Instant.now();
    List<Endpoint> active = e.partner().endpoints().stream().filter(ep -> ep.activeAt(now)).toList();
    if (active.isEmpty()) {
      return Outcome.error("partner.noEndpoint", key);
    }
    Texts t = view.texts();
    StringJoiner summary = new StringJoiner("; ");
    boolean allReachable = true;
    for (Endpoint ep : active) {
      ConnectionTester.Result r = tester.test(ep.uri());
      allReachable &= r.reachable();
      summary.add(t.get(r.reachable() ? "partner.reachable" : "partner.unreachable", ep.uri(), r.detail(), r.millis()));
    }
    store.inTransaction(uow -> {
      uow.audit(view.actor(), "partner.test-connection", null, key, summary.toString());
      return null;
    });
    return allReachable ? Outcome.done("partner.tested", summary.toString()) : Outcome.error("partner.testFailed", summary.toString());
  }
}
