package org.illbridge.load;

import java.nio.file.Path;

/**
 * The load generator's entry point: {@code LoadMain <lifecycle|iso18626> [-name=value ...]}.
 * Everything runs on loopback, is bounded in count and time, and stops by itself (the server it
 * started is stopped at the end, also on failure). See README.md.
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    // Before any HTTP class is used: the JDK HTTP servers of the simulated lenders and the home
    // system send headers and body in two writes, and without TCP_NODELAY every answer with a body
    // waited for the peer's delayed ACK (~40 ms on Linux loopback), holding a bridge outbox thread
    // that long per ISO 18626 delivery. The home system's blocking REST client keeps up to this
    // many connections alive (JDK default 5: most of the 50 users reconnected for every call).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.setProperty("http.maxConnections", "256");
    String mode = args.length == 0 ? "" : args[0];
    int from = 1;
    // the -Pload profile puts the paths first: find the mode among the arguments
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("-")) {
        mode = args[i];
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 0, rest, 0, i);
        System.arraycopy(args, i + 1, rest, i, args.length - i - 1);
        args = rest;
        from = 0;
        break;
      }
    }
    try {
      Options o = new Options(args, from);
      Path dist = Path.of(o.str("distribution", "distribution/target/illbridge")).toAbsolutePath();
      Path work = Path.of(o.str("work", "target/load")).toAbsolutePath();
      String res = o.str("results", "");
      Path results = res.isEmpty() || res.equals("none") ? null : Path.of(res).toAbsolutePath();
      switch (mode) {
        case "lifecycle" -> LifecycleLoad.run(o, dist, work, results);
        case "iso18626" -> Iso18626Load.run(o, dist, work, results);
        default -> throw new IllegalArgumentException("mode must be 'lifecycle' or 'iso18626', got '" + mode + "'");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      System.err.println("usage: LoadMain lifecycle|iso18626 [-name=value ...]  (see itests/org.illbridge.load/README.md)");
      System.exit(2);
    }
    System.exit(0); // simulators and HTTP clients keep non-daemon threads
  }
}
