package org.illbridge.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the distribution. {@code illbridge [start]} runs the server in the foreground;
 * {@code illbridge passwd} sets the console password. The launcher stays a plain jar (no OSGi) so
 * that it can put the framework and logging on the JVM class path.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Path home = Home.locate();
    String command = args.length == 0 ? "start" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "start" -> start(home);
      case "passwd" -> System.exit(PasswordCommand.run(home, rest));
      case "demo" -> demo(home);
      case "help", "--help", "-h" -> usage(System.out);
      default -> {
        usage(System.err);
        System.exit(2);
      }
    }
  }

  private static void start(Path home) throws Exception {
    Files.createDirectories(home.resolve("logs"));
    // Logging goes to the terminal and to logs/illbridge.log. slf4j-simple looks up System.err on
    // every write, so teeing the stream before the first log line is enough.
    TeeStreams.install(home.resolve("logs").resolve("illbridge.log"));
    LauncherConfig config = LauncherConfig.load(home);
    Server server = new Server(home, config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "illbridge-shutdown"));
    server.start();
    server.awaitStop();
  }

  /** Runs a throw-away server with simulated partners in {@code demo-run/} (see DemoCommand). */
  private static void demo(Path home) throws Exception {
    Path run = DemoCommand.prepare(home);
    // The framework property illbridge.home (store, logs) must name the demo folder, not the
    // distribution that bin/illbridge passes as -Dillbridge.home.
    System.setProperty(Home.PROPERTY, run.toString());
    DemoCommand.banner(run, System.out);
    start(run);
  }

  private static void usage(PrintStream out) {
    out.println("usage: illbridge [start]     run the server in the foreground");
    out.println("       illbridge demo        run a demo server with simulated partners and traffic");
    out.println("                             in demo-run/ (deleted and rebuilt every time)");
    out.println("       illbridge passwd      set the web console password (asks twice, or reads");
    out.println("                             one line from standard input when not a terminal)");
  }

  /** Fails loudly when the distribution layout is broken; used by the commands. */
  static Path requireDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("missing directory " + dir + ": is this an ILL Bridge distribution?");
    }
    return dir;
  }
}
