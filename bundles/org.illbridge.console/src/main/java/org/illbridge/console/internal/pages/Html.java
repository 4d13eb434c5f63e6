package org.illbridge.console.internal.pages;

import java.io.PrintWriter;
import org.owasp.encoder.Encode;

/**
 * Writes console HTML. Every value goes through the OWASP encoder (the same library the Felix Web
 * Console uses) for the context it lands in; only the fixed markup of the pages is written raw.
 */
final class Html {
  private final PrintWriter out;
  private final String csrfToken;

  Html(PrintWriter out, String csrfToken) {
    this.out = out;
    this.csrfToken = csrfToken;
  }

  /** Fixed markup, never data. */
  Html raw(String markup) {
    out.print(markup);
    return this;
  }

  /** Text content, escaped. */
  Html text(Object value) {
    out.print(value == null ? "" : Encode.forHtml(String.valueOf(value)));
    return this;
  }

  static String esc(Object value) {
    return value == null ? "" : Encode.forHtml(String.valueOf(value));
  }

  static String attr(Object value) {
    return value == null ? "" : Encode.forHtmlAttribute(String.valueOf(value));
  }

  static String url(Object value) {
    return value == null ? "" : Encode.forUriComponent(String.valueOf(value));
  }

  /** Opens a POST form to {@code action} with the session's CSRF token in {@code _csrf}. */
  Html form(String action, String cssClass) {
    out.print("<form method='post' action='" + attr(action) + "'"
        + (cssClass == null ? "" : " class='" + attr(cssClass) + "'") + ">");
    if (csrfToken != null) {
      out.print("<input type='hidden' name='_csrf' value='" + attr(csrfToken) + "'/>");
    }
    return this;
  }

  Html hidden(String name, Object value) {
    out.print("<input type='hidden' name='" + attr(name) + "' value='" + attr(value) + "'/>");
    return this;
  }

  Html button(String label, String cssClass, String confirm) {
    out.print("<button type='submit' class='ui-button " + attr(cssClass == null ? "" : cssClass) + "'"
        + (confirm == null ? "" : " data-confirm='" + attr(confirm) + "'") + ">" + esc(label) + "</button>");
    return this;
  }

  Html endForm() {
    out.print("</form>");
    return this;
  }

  /** A labelled text input. */
  Html input(String id, String label, String name, Object value, String extra) {
    out.print("<label for='" + attr(id) + "'>" + esc(label) + "</label> <input id='" + attr(id)
        + "' name='" + attr(name) + "' value='" + attr(value) + "' " + (extra == null ? "" : extra) + "/>");
    return this;
  }

  PrintWriter writer() {
    return out;
  }
}
