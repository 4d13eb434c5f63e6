package org.illbridge.console.internal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.illbridge.console.internal.security.Fakes.FakeRequest;
import org.illbridge.console.internal.security.Fakes.FakeResponse;
import org.illbridge.console.internal.security.Fakes.FakeSession;

/** Public doorway for the benchmarks (package {@code .bench}) into the package-private code. */
public final class BenchFixtures {

  private final ConsoleAuthenticator authenticator;
  private final String authorization;
  private final FakeSession session;
  private final CsrfTokenInjectionFilter filter = new CsrfTokenInjectionFilter();
  private final String page;

  public BenchFixtures(String passwordHash, String password, int pageKilobytes) {
    authenticator = new ConsoleAuthenticator(new Settings("admin", passwordHash,
        Duration.ofMinutes(30), null, 10, Duration.ofMinutes(5)), Clock.systemUTC());
    authorization = Fakes.basic("admin", password);
    FakeRequest login = new FakeRequest("GET", "/system/console/bundles")
        .header("User-Agent", "Mozilla/5.0").header("Authorization", authorization);
    if (authenticator.authenticate(login, new FakeResponse()) == null) {
      throw new IllegalStateException("fixture login failed");
    }
    session = (FakeSession) login.getSession(false);
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><title>Bundles</title>"
        + "<script src=\"/system/console/res/lib/jquery-3.6.1.js\"></script></head><body>");
    while (html.length() < pageKilobytes * 1024) {
      html.append("<tr><td class=\"name\">org.example.bundle</td><td>Active</td></tr>\n");
    }
    page = html.append("</body></html>").toString();
  }

  /** A curl-style request with Basic credentials (after the first, a verified-cache hit). */
  public String scriptRequest() {
    FakeRequest request = new FakeRequest("POST", "/system/console/bundles")
        .header("User-Agent", "curl/8").header("Authorization", authorization);
    return authenticator.authenticate(request, new FakeResponse());
  }

  /** A browser request inside its session, with the CSRF token. */
  public String sessionPost() {
    FakeRequest request = new FakeRequest("POST", "/system/console/bundles/12")
        .header("User-Agent", "Mozilla/5.0")
        .header("Cookie", "JSESSIONID=x; illbridge.console.login=active")
        .header(CsrfGuard.HEADER, (String) session.getAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN));
    request.session = session;
    return authenticator.authenticate(request, new FakeResponse());
  }

  /** Renders the page through the injection filter; returns the bytes written. */
  public int injectedPage() throws Exception {
    FakeRequest request = new FakeRequest("GET", "/system/console/bundles");
    request.contextPath = "/system/console";
    request.session = session;
    FakeResponse response = new FakeResponse();
    filter.doFilter(request, response, writer());
    response.getWriter().flush();
    return response.body.size();
  }

  /** The same page written without the filter, as the baseline. */
  public int plainPage() throws Exception {
    FakeResponse response = new FakeResponse();
    writer().doFilter(new FakeRequest("GET", "/system/console/bundles"), response);
    response.getWriter().flush();
    return response.body.size();
  }

  private FilterChain writer() {
    return (request, response) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setContentType("text/html;charset=utf-8");
      try {
        // the console writes its pages in pieces of a few hundred characters
        for (int i = 0; i < page.length(); i += 512) {
          http.getWriter().write(page, i, Math.min(512, page.length() - i));
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
