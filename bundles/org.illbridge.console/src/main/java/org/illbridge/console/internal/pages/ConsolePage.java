package org.illbridge.console.internal.pages;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.illbridge.console.internal.security.SessionCsrfToken;
import org.illbridge.api.store.StoreException;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the ILL Bridge console pages. The Felix Web Console wraps each page in its frame
 * (header, navigation) and calls {@link #renderContent}; a POST is handled by {@link #act} and
 * answered with a redirect back to a page (post/redirect/get), carrying a short outcome message.
 * State-changing requests are already checked for a CSRF token by the console's security provider
 * before they reach a page; the forms written here carry the token in {@code _csrf}.
 */
abstract class ConsolePage extends AbstractServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConsolePage.class);

  static final String PROP_LABEL = "felix.webconsole.label";
  static final String PROP_TITLE = "felix.webconsole.title";
  static final String PROP_CATEGORY = "felix.webconsole.category";
  static final String FLASH = "done";
  static final String FLASH_ARG = "arg";
  static final String FLASH_ERROR = "error";

  /** The label: the page's address below {@code /system/console/}. */
  abstract String label();

  /** Writes the page body (inside the console frame). */
  abstract void render(View view) throws IOException;

  /**
   * Serves a GET that is not the page itself (JSON data, a download); true when it did. The
   * default serves the bundle's {@code res/} files (the chart library).
   */
  boolean serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
    return false;
  }

  /** Handles a POST; returns where to go next and what to say. */
  Outcome act(View view) throws IOException {
    return Outcome.error("error.unknownAction");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    super.doGet(request, response); // the res/ files
    if (!response.isCommitted() && response.getContentType() == null) {
      serve(request, response);
    }
  }

  @Override
  public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
    View view = view(request, response);
    PrintWriter out = response.getWriter();
    out.print("<div class='illbridge-page' lang='" + view.texts().locale().getLanguage() + "'>");
    out.print("<style>" + STYLE + "</style>");
    languageSwitch(view);
    flash(view);
    try {
      render(view);
    } catch (StoreException | IllegalArgumentException e) {
      LOG.warn("Console page {} failed: {}", label(), e.getMessage());
      out.print("<p class='illbridge-error'>" + Html.esc(view.texts().get("error.page", e.getMessage())) + "</p>");
    }
    out.print("</div>");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    View view = view(request, response);
    Outcome outcome;
    try {
      outcome = act(view);
    } catch (StoreException | IllegalArgumentException e) {
      LOG.warn("Console action on {} by {} failed: {}", label(), view.actor(), e.getMessage());
      outcome = Outcome.error("error.action", e.getMessage());
    }
    StringBuilder target = new StringBuilder(request.getContextPath() + request.getServletPath() + "/" + label());
    Map<String, String> params = new LinkedHashMap<>(outcome.params());
    params.put(outcome.isError() ? FLASH_ERROR : FLASH, outcome.messageKey());
    if (outcome.arg() != null) {
      params.put(FLASH_ARG, outcome.arg());
    }
    char sep = '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      target.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", target.toString());
  }

  View view(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Locale locale = LocaleChoice.choose(request, response);
    HttpSession session = request.getSession(false);
    String token = session == null ? null : SessionCsrfToken.of(session);
    String base = request.getContextPath() + request.getServletPath() + "/" + label();
    return new View(request, response, new Texts(locale), token, actor(request), base);
  }

  static String actor(HttpServletRequest request) {
    String user = request.getRemoteUser();
    if (user == null) {
      Object attribute = request.getAttribute(ServletContextHelper.REMOTE_USER);
      user = attribute == null ? null : attribute.toString();
    }
    return user == null || user.isBlank() ? "console" : user;
  }

  private void languageSwitch(View view) throws IOException {
    PrintWriter out = view.out();
    out.print("<p class='illbridge-lang'>");
    for (Locale l : LocaleChoice.SUPPORTED) {
      String name = l.getDisplayLanguage(l);
      if (l.getLanguage().equals(view.texts().locale().getLanguage())) {
        out.print("<strong>" + Html.esc(name) + "</strong> ");
      } else {
        out.print("<a href='" + Html.attr(view.base() + "?lang=" + l.getLanguage()) + "' hreflang='"
            + l.getLanguage() + "'>" + Html.esc(name) + "</a> ");
      }
    }
    out.print("</p>");
  }

  private void flash(View view) throws IOException {
    HttpServletRequest request = view.request();
    String arg = request.getParameter(FLASH_ARG);
    for (String kind : new String[] {FLASH, FLASH_ERROR}) {
      String key = request.getParameter(kind);
      // Only messages of this bundle are shown: a crafted link cannot put arbitrary text here.
      if (key != null && key.matches("[a-zA-Z.]{1,80}") && view.texts().has(key)) {
        view.out().print("<p class='" + (kind.equals(FLASH) ? "illbridge-done" : "illbridge-error")
            + "' role='status'>" + Html.esc(view.texts().get(key, arg == null ? "" : arg)) + "</p>");
      }
    }
  }

  static final String STYLE = ".illbridge-page table{border-collapse:collapse;margin:.5em 0;width:100%}"
      + ".illbridge-page th,.illbridge-page td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}"
      + ".illbridge-page form.inline{display:inline}.illbridge-page fieldset{margin:.5em 0}"
      + ".illbridge-page label{margin-right:.3em}.illbridge-page input,.illbridge-page select{margin-right:1em}"
      + ".illbridge-done{background:#dfd;padding:4px}.illbridge-error{background:#fdd;padding:4px}"
      + ".illbridge-lang{float:right}.illbridge-page pre{white-space:pre-wrap;background:#f6f6f6;padding:6px}"
      + ".illbridge-page .in{color:#036}.illbridge-page .out{color:#630}.illbridge-page ul.ber{font-family:monospace}";

  /** What one request sees: request, response, texts in its language, CSRF token and actor. */
  record View(HttpServletRequest request, HttpServletResponse response, Texts texts, String csrfToken,
      String actor, String base) {
    PrintWriter out() throws IOException {
      return response.getWriter();
    }

    Html html() throws IOException {
      return new Html(response.getWriter(), csrfToken);
    }

    String param(String name) {
      String v = request.getParameter(name);
      return v == null || v.isBlank() ? null : v.trim();
    }

    String t(String key, Object... args) {
      return texts.get(key, args);
    }
  }

  /** The result of a POST: a message key (with one argument) and the page parameters to return to. */
  record Outcome(boolean isError, String messageKey, String arg, Map<String, String> params) {
    static Outcome done(String key, String arg) {
      return new Outcome(false, key, arg, Map.of());
    }

    static Outcome error(String key, String arg) {
      return new Outcome(true, key, arg, Map.of());
    }

    static Outcome error(String key) {
      return new Outcome(true, key, null, Map.of());
    }

    Outcome back(String name, String value) {
      Map<String, String> p = new LinkedHashMap<>(params);
      if (value != null) {
        p.put(name, value);
      }
      return new Outcome(isError, messageKey, arg, p);
    }
  }
}
