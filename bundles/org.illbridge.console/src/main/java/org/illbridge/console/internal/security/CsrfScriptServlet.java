package org.illbridge.console.internal.security;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Serves {@code csrf.js} from this bundle inside the console's context. (A Whiteboard resource
 * would not do: the console's context looks resources up in the console bundle, not in ours.)
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
@HttpWhiteboardServletPattern(ConsoleContext.SCRIPT_PATH)
public class CsrfScriptServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final byte[] script;

  public CsrfScriptServlet() {
    try (InputStream in = CsrfScriptServlet.class.getResourceAsStream("csrf.js")) {
      if (in == null) {
        throw new IllegalStateException("csrf.js is missing from the console bundle");
      }
      script = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/javascript;charset=UTF-8");
    response.setHeader("Cache-Control", "private, max-age=3600");
    response.setContentLength(script.length);
    response.getOutputStream().write(script);
  }
}
