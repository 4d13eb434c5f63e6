package org.illbridge.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code illbridge demo}: a throw-away server with simulated partners and generated traffic. It
 * builds {@code demo-run/} (deleted first, every time) from the distribution's {@code conf/} and
 * {@code bundle/} plus {@code demo/conf/} (partners, simulators, API key hash) and {@code
 * demo/bundle/} (the simulator), and runs the server there. Nothing of the real installation's
 * data is touched.
 */
final class DemoCommand {
  static final String RUN_DIR = "demo-run";
  static final String HOME_SIMULATOR_CFG = "org.illbridge.simulator.home.cfg";

  private DemoCommand() {}

  /** Prepares {@code <home>/demo-run} and returns it. */
  static Path prepare(Path home) throws IOException {
    Path demo = Main.requireDir(home.resolve("demo"));
    Path run = home.resolve(RUN_DIR);
    refuseIfRunning(run);
    deleteTree(run);
    Files.createDirectories(run);
    copyFiles(Main.requireDir(home.resolve("conf")), run.resolve("conf"));
    copyFiles(Main.requireDir(demo.resolve("conf")), run.resolve("conf"));
    copyFiles(Main.requireDir(home.resolve("bundle")), run.resolve("bundle"));
    copyFiles(Main.requireDir(demo.resolve("bundle")), run.resolve("bundle"));
    Files.createDirectories(run.resolve("deploy"));
    Files.createDirectories(run.resolve("data"));
    Files.createDirectories(run.resolve("logs"));
    return run;
  }

  /**
   * A demo server still running (or stopping) there would see its files vanish and write its
   * configuration back into the new folder: refuse instead. The server holds data/.lock.
   */
  static void refuseIfRunning(Path run) throws IOException {
    Path lock = run.resolve("data").resolve(".lock");
    if (!Files.exists(lock)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
        FileLock held = channel.tryLock()) {
      if (held == null) {
        throw new IOException("a demo server is still running in " + run + ": stop it first");
      }
    } catch (OverlappingFileLockException e) {
      throw new IOException("a demo server is still running in " + run + ": stop it first");
    }
  }

  /** What the newcomer needs: where to look and the demo API key (a demo has no secrets). */
  static void banner(Path run, PrintStream out) throws IOException {
    Properties home = new Properties();
    try (Reader r = Files.newBufferedReader(run.resolve("conf").resolve(HOME_SIMULATOR_CFG),
        StandardCharsets.UTF_8)) {
      home.load(r);
    }
    String key = home.getProperty("apiKey", "").trim();
    String api = home.getProperty("restBaseUrl", "http://127.0.0.1:8080/api/v1").trim();
    out.println();
    out.println("  ILL Bridge DEMO in " + run);
    out.println("  Simulated partners: Relais-like, VDX-like, OCLC-like (ISO 10161 over TCP), a generic");
    out.println("  ISO 18626 supplier and a home ILL system that sends "
        + home.getProperty("maxRequests", "?").trim() + " requests ("
        + home.getProperty("requestsPerMinute", "?").trim() + " a minute) through the REST API.");
    out.println("  Demo API key (X-API-Key): " + key);
    out.println("  Try: curl -H 'X-API-Key: " + key + "' " + api + "/transactions");
    out.println("  The console password is printed below on the first start. Everything in "
        + RUN_DIR + "/ is deleted by the next demo run.");
    out.println();
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          Files.copy(p, to.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    if (!dir.getFileName().toString().equals(RUN_DIR)) {
      throw new IOException("refusing to delete " + dir + ": not a demo folder");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
