package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet adapter with hand-written Jakarta request/response stand-ins (dynamic proxies; no
 * servlet container is available to the build): path, query, headers and body reach the API,
 * status, headers and body come back.
 */
class RestServletTest {

  @TempDir Path dir;
  private EngineFixture f;
  private RestServlet servlet;

  @BeforeEach
  void start() throws Exception {
    f = new EngineFixture(dir);
    servlet = new RestServlet(config(Map.of("_apiKeys",
        new String[] {"frontdesk:" + ApiKeys.hashOf(EngineFixture.API_KEY)})), f.actions, f.store, f.directory);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /** A typed configuration with its defaults, some overridden. */
  static RestConfig config(Map<String, Object> overrides) {
    return (RestConfig) Proxy.newProxyInstance(RestConfig.class.getClassLoader(), new Class<?>[] {RestConfig.class},
        (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
            : method.getDefaultValue());
  }

  @Test
  void createsARequestThroughTheServlet() throws Exception {
    Captured r = call("POST", "/requests", null, RestApiTest.requestBody("ILS-SERVLET", "LOAN", "\"bvas\""),
        "X-API-Key", EngineFixture.API_KEY, "Content-Type", "application/json");
    assertEquals(201, r.status, r.body());
    assertTrue(r.headers.get("Location").startsWith("/api/v1/transactions/IB"));
    assertEquals("application/json;charset=UTF-8", r.contentType);
    assertEquals("no-store", r.headers.get("Cache-Control"));
    assertEquals(r.out.size(), r.contentLength);
  }

  @Test
  void passesTheQueryStringAndAnswersProblems() throws Exception {
    Captured bad = call("GET", "/transactions", "state=NOPE", null, "X-API-Key", EngineFixture.API_KEY);
    assertEquals(400, bad.status);
    assertEquals("application/problem+json;charset=UTF-8", bad.contentType);
    assertTrue(bad.body().contains("unknown state 'NOPE'"), bad.body());
    Captured noKey = call("GET", "/transactions", null, null);
    assertEquals(401, noKey.status);
    assertEquals("ApiKey header=\"X-API-Key\"", noKey.headers.get("WWW-Authenticate"));
    assertEquals(404, call("GET", null, null, null).status);
  }

  static final class Captured {
    int status;
    String contentType;
    int contentLength = -1;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    String body() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private Captured call(String method, String pathInfo, String query, String body, String... headers) throws Exception {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    ServletInputStream sin = new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener l) {
        throw new UnsupportedOperationException();
      }
    };
    HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getPathInfo" -> pathInfo;
          case "getQueryString" -> query;
          case "getHeader" -> h.get(((String) a[0]).toLowerCase(Locale.ROOT));
          case "getInputStream" -> sin;
          case "getRemoteAddr" -> "127.0.0.1";
          default -> throw new UnsupportedOperationException(m.getName());
        });
    Captured c = new Captured();
    ServletOutputStream sout = new ServletOutputStream() {
      @Override
      public void write(int b) {
        c.out.write(b);
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener l) {
        throw new UnsupportedOperationException();
      }
    };
    HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "setStatus" -> c.status = (Integer) a[0];
            case "setHeader" -> c.headers.put((String) a[0], (String) a[1]);
            case "setContentType" -> c.contentType = (String) a[0];
            case "setContentLength" -> c.contentLength = (Integer) a[0];
            case "getOutputStream" -> {
              return sout;
            }
            default -> throw new UnsupportedOperationException(m.getName());
          }
          return null;
        });
    servlet.service(req, resp);
    return c;
  }
}
