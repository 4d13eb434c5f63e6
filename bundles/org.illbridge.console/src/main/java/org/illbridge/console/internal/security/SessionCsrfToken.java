package org.illbridge.console.internal.security;

import jakarta.servlet.http.HttpSession;

/** Gives the console's own pages the session's CSRF token, to put in their forms as {@code _csrf}. */
public final class SessionCsrfToken {
  /** The form field the CSRF check reads. */
  public static final String FIELD = CsrfGuard.FIELD;

  private SessionCsrfToken() {}

  /** The token of a logged-in browser session, or null (scripts have no session and need none). */
  public static String of(HttpSession session) {
    Object token = session == null ? null : session.getAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN);
    return token instanceof String s ? s : null;
  }
}
