package org.illbridge.console.internal.security;

/** Where the Felix Web Console 5 lives in the Servlet Whiteboard (see its OsgiManager). */
public final class ConsoleContext {

  /** Name of the ServletContextHelper the console registers for {@code /system/console}. */
  public static final String NAME = "org.apache.felix.webconsole";

  public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

  /** Path of {@code csrf.js} below the console root. */
  static final String SCRIPT_PATH = "/illbridge-static/csrf.js";

  private ConsoleContext() {}
}
