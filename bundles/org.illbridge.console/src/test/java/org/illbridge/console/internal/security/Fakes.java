package org.illbridge.console.internal.security;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Minimal servlet fakes: only what the console security code calls; anything else throws. */
final class Fakes {

  private Fakes() {}

  private static <T> T unsupported(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          throw new UnsupportedOperationException("fake does not support " + method.getName());
        }));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Stands in for the browser's cookie jar and the server's session store together. */
  static final class Browser {
    final Map<String, String> cookies = new TreeMap<>();
    FakeSession session;

    FakeRequest request(String method, String uri) {
      FakeRequest request = new FakeRequest(method, uri);
      request.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120");
      if (session != null && !session.invalidated) {
        request.session = session;
      }
      if (!cookies.isEmpty()) {
        List<Cookie> list = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> {
          list.add(new Cookie(name, value));
          header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value);
        });
        request.cookies = list.toArray(new Cookie[0]);
        request.header("Cookie", header.toString());
      }
      request.browser = this;
      return request;
    }

    /** Applies the Set-Cookie headers of a response, as a browser would. */
    void receive(FakeResponse response) {
      for (Cookie cookie : response.cookies) {
        if (cookie.getMaxAge() == 0) {
          cookies.remove(cookie.getName());
        } else {
          cookies.put(cookie.getName(), cookie.getValue());
        }
      }
    }
  }

  static final class FakeRequest extends HttpServletRequestWrapper {
    final String method;
    final String uri;
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, String> parameters = new HashMap<>();
    final Map<String, Object> attributes = new HashMap<>();
    Cookie[] cookies;
    FakeSession session;
    Browser browser;
    String remoteAddr = "192.0.2.10";
    String contextPath = "";
    String servletPath = "/system/console";

    FakeRequest(String method, String uri) {
      super(unsupported(HttpServletRequest.class));
      this.method = method;
      this.uri = uri;
    }

    FakeRequest header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    FakeRequest parameter(String name, String value) {
      parameters.put(name, value);
      return this;
    }

    FakeRequest from(String address) {
      remoteAddr = address;
      return this;
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getRequestURI() {
      return uri;
    }

    @Override
    public String getContextPath() {
      return contextPath;
    }

    @Override
    public String getServletPath() {
      return servletPath;
    }

    @Override
    public String getHeader(String name) {
      return headers.get(name);
    }

    @Override
    public String getParameter(String name) {
      return parameters.get(name);
    }

    @Override
    public Cookie[] getCookies() {
      return cookies;
    }

    @Override
    public String getRemoteAddr() {
      return remoteAddr;
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributes.put(name, value);
    }

    @Override
    public HttpSession getSession(boolean create) {
      if ((session == null || session.invalidated) && create) {
        session = new FakeSession();
        if (browser != null) {
          browser.session = session;
        }
      }
      return session == null || session.invalidated ? null : session;
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }
  }

  static final class FakeResponse extends HttpServletResponseWrapper {
    int status = 200;
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<Cookie> cookies = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    String contentType;
    Long contentLength;
    String redirect;
    boolean committed;
    private PrintWriter writer;

    FakeResponse() {
      super(unsupported(HttpServletResponse.class));
    }

    String body() {
      if (writer != null) {
        writer.flush();
      }
      return body.toString(StandardCharsets.UTF_8);
    }

    String cookie(String name) {
      String value = null;
      for (Cookie cookie : cookies) {
        if (cookie.getName().equals(name)) {
          value = cookie.getValue();
        }
      }
      return value;
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public void setHeader(String name, String value) {
      headers.put(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      headers.put(name, value);
    }

    @Override
    public void setIntHeader(String name, int value) {
      headers.put(name, Integer.toString(value));
    }

    @Override
    public String getHeader(String name) {
      return headers.get(name);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookies.add(cookie);
    }

    @Override
    public void setContentType(String type) {
      contentType = type;
    }

    @Override
    public String getContentType() {
      return contentType;
    }

    @Override
    public void setContentLength(int len) {
      contentLength = (long) len;
    }

    @Override
    public void setContentLengthLong(long len) {
      contentLength = len;
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          body.write(b);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void flushBuffer() {
      committed = true;
    }

    @Override
    public boolean isCommitted() {
      return committed;
    }

    @Override
    public void sendRedirect(String location) {
      status = 302;
      redirect = location;
      committed = true;
    }
  }

  static final class FakeSession implements HttpSession {
    final Map<String, Object> attributes = new HashMap<>();
    boolean invalidated;
    int maxInactiveInterval;

    private void check() {
      if (invalidated) {
        throw new IllegalStateException("session invalidated");
      }
    }

    @Override
    public Object getAttribute(String name) {
      check();
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      check();
      attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      check();
      attributes.remove(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      check();
      return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void invalidate() {
      check();
      invalidated = true;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
      maxInactiveInterval = interval;
    }

    @Override
    public int getMaxInactiveInterval() {
      return maxInactiveInterval;
    }

    @Override
    public long getCreationTime() {
      return 0;
    }

    @Override
    public String getId() {
      return "fake";
    }

    @Override
    public long getLastAccessedTime() {
      return 0;
    }

    @Override
    public ServletContext getServletContext() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isNew() {
      return false;
    }
  }
}
