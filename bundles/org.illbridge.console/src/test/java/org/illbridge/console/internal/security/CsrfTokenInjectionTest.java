package org.illbridge.console.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.console.internal.security.Fakes.FakeRequest;
import org.illbridge.console.internal.security.Fakes.FakeResponse;
import org.illbridge.console.internal.security.Fakes.FakeSession;
import org.junit.jupiter.api.Test;

class CsrfTokenInjectionTest {

  private static final String SNIPPET = "<meta name=\"csrf-token\" content=\"T\" />";

  private static String inject(String html, int chunk) {
    StringBuilder out = new StringBuilder();
    HeadInjector injector = new HeadInjector(new HeadInjector.Sink() {
      @Override
      public void put(int c) {
        out.append((char) c);
      }

      @Override
      public void putSnippet() {
        out.append(SNIPPET);
      }
    });
    for (int i = 0; i < html.length(); i++) {
      injector.accept(html.charAt(i));
    }
    injector.finish();
    return out.toString();
  }

  @Test
  void placesTheSnippetBeforeTheEndOfHead() {
    String page = "<html><head><title>x</title></head><body>a</head></body></html>";
    assertEquals("<html><head><title>x</title>" + SNIPPET + "</head><body>a</head></body></html>",
        inject(page, 1));
  }

  @Test
  void matchesAnyLetterCaseAndSurvivesFalseStarts() {
    assertEquals("<<</h</HEA" + SNIPPET + "</HEAD>x", inject("<<</h</HEA</HEAD>x", 1));
    assertEquals("a</headline>" + SNIPPET + "</Head>", inject("a</headline></Head>", 1));
  }

  @Test
  void pageWithoutHeadIsUnchangedIncludingAPartialMatchAtTheEnd() {
    assertEquals("<p>no head</p></he", inject("<p>no head</p></he", 1));
    assertEquals("", inject("", 1));
  }

  private static FilterChain writing(String contentType, String body, boolean viaStream,
      List<HttpServletResponse> seen) {
    return (request, response) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      seen.add(http);
      http.setContentType(contentType);
      http.setContentLength(body.getBytes(StandardCharsets.UTF_8).length);
      if (viaStream) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // written in small pieces, as a servlet streaming its template would
        for (int i = 0; i < bytes.length; i += 3) {
          http.getOutputStream().write(bytes, i, Math.min(3, bytes.length - i));
        }
      } else {
        PrintWriter writer = http.getWriter();
        for (int i = 0; i < body.length(); i += 4) {
          writer.write(body, i, Math.min(4, body.length() - i));
        }
      }
    };
  }

  private static FakeRequest withSession(String token) {
    FakeRequest request = new FakeRequest("GET", "/system/console/bundles");
    request.contextPath = "/system/console";
    request.session = new FakeSession();
    request.session.setAttribute(ConsoleAuthenticator.SESSION_CSRF_TOKEN, token);
    return request;
  }

  @Test
  void filterInjectsTokenAndScriptIntoConsolePages() throws Exception {
    for (boolean viaStream : new boolean[] {false, true}) {
      FakeResponse response = new FakeResponse();
      String page = "<html><head><title>Bundles – Überblick</title></head><body>ok</body></html>";
      new CsrfTokenInjectionFilter().doFilter(withSession("tok-123_x"), response,
          writing("text/html;charset=utf-8", page, viaStream, new ArrayList<>()));

      String body = response.body();
      assertEquals("<html><head><title>Bundles – Überblick</title>"
          + "<meta name=\"csrf-token\" content=\"tok-123_x\" />"
          + "<script src=\"/system/console/illbridge-static/csrf.js\"></script>"
          + "</head><body>ok</body></html>", body);
      assertNull(response.contentLength, "the page grew: its declared length must go");
    }
  }

  @Test
  void filterLeavesOtherContentAlone() throws Exception {
    FakeResponse response = new FakeResponse();
    String json = "{\"html\":\"<head></head>\"}";
    new CsrfTokenInjectionFilter().doFilter(withSession("tok"), response,
        writing("application/json", json, false, new ArrayList<>()));
    assertEquals(json, response.body());
    assertEquals(json.length(), response.contentLength);
  }

  @Test
  void filterDoesNothingWithoutASession() throws Exception {
    FakeResponse response = new FakeResponse();
    List<HttpServletResponse> seen = new ArrayList<>();
    String page = "<html><head></head></html>";
    new CsrfTokenInjectionFilter().doFilter(new FakeRequest("GET", "/system/console"), response,
        writing("text/html", page, false, seen));
    assertSame(response, seen.get(0));
    assertEquals(page, response.body());
  }

  @Test
  void guardRefusesAStateChangeWhenThereIsNoSession() {
    FakeRequest request = new FakeRequest("POST", "/system/console/bundles")
        .header("Origin", "http://127.0.0.1:8080").header(CsrfGuard.HEADER, "anything");
    assertEquals(CsrfGuard.Verdict.NO_SESSION, CsrfGuard.check(request, null));
    assertFalse(CsrfGuard.Verdict.NO_SESSION.allowed);
  }

  @Test
  void tokensAreLongRandomAndHtmlSafe() {
    String first = CsrfGuard.newToken();
    String second = CsrfGuard.newToken();
    assertFalse(first.equals(second));
    assertEquals(43, first.length());
    assertTrue(first.matches("[A-Za-z0-9_-]+"), first);
  }

  @Test
  void scriptServletServesTheBundledScript() throws IOException {
    FakeResponse response = new FakeResponse();
    new CsrfScriptServlet().doGet(new FakeRequest("GET", "/system/console/illbridge-static/csrf.js"),
        response);
    String script;
    try (InputStream in = CsrfScriptServlet.class.getResourceAsStream("csrf.js")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(script, response.body());
    assertTrue(response.contentType.startsWith("text/javascript"));
    assertTrue(script.contains("X-CSRF-Token") && script.contains("_csrf"));
  }
}
