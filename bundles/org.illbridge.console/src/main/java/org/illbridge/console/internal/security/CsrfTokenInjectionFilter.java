package org.illbridge.console.internal.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Gives every HTML page of the web console its session's CSRF token: a
 * {@code <meta name="csrf-token">} and {@code csrf.js}, which adds the token to the console's own
 * XHR/jQuery calls, fetch calls and form posts. The built-in console pages know nothing of the
 * token; this is what keeps them working under {@link CsrfGuard}. Runs after the console's
 * security check, so the session (if the client has one) already holds the token.
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
public class CsrfTokenInjectionFilter implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String token = token(request);
    if (token == null || !(response instanceof HttpServletResponse http)) {
      chain.doFilter(request, response); // scripts have no session, and nothing to inject into
      return;
    }
    HeadInjectingResponse injecting = new HeadInjectingResponse(http, snippet(
        ((HttpServletRequest) request).getContextPath(), token));
    chain.doFilter(request, injecting);
    injecting.finish();
  }

  static String snippet(String contextPath, String token) {
    // The token is Base64url (A-Z a-z 0-9 - _): nothing in it needs HTML escaping.
    return "<meta name=\"csrf-token\" content=\"" + token + "\" />"
        + "<script src=\"" + contextPath + ConsoleContext.SCRIPT_PATH + "\"></script>";
  }

  private static String token(ServletRequest request) {
    if (!(request instanceof HttpServletRequest http)) {
      return null;
    }
    HttpSession session = http.getSession(false);
    if (session == null) {
      return null;
    }
    try {
      Object token = session.getAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN);
      return token instanceof String text ? text : null;
    } catch (IllegalStateException invalidated) {
      return null;
    }
  }
}
