package org.illbridge.distribution.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real distribution, copied to a fresh folder and started with {@code bin/illbridge} as an
 * admin would, on a free port. Its output is kept so tests can read what the admin sees.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern PASSWORD = Pattern.compile("password:\\s*(\\S+)");

  final Path home;
  final int httpPort;
  private final List<String> output = new ArrayList<>();
  private Process process;

  private ServerProcess(Path home, int httpPort) {
    this.home = home;
    this.httpPort = httpPort;
  }

  /** Copies the built distribution to a new folder under target/servers. */
  static ServerProcess prepare(String name) throws IOException {
    Path dist = Path.of(System.getProperty("illbridge.distribution"));
    if (!Files.isExecutable(dist.resolve("bin/illbridge"))) {
      throw new IllegalStateException("distribution not built at " + dist);
    }
    Path home = Path.of(System.getProperty("illbridge.workDir")).resolve(name);
    deleteQuietly(home); // left by an earlier run; kept after a run for post-mortems
    copyTree(dist, home);
    home.resolve("bin/illbridge").toFile().setExecutable(true);
    return new ServerProcess(home, freePort());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Runs {@code bin/illbridge passwd user} with the password on standard input. */
  void setPassword(String user, String password) throws Exception {
    Process p =
        new ProcessBuilder(home.resolve("bin/illbridge").toString(), "passwd", user)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("passwd failed: " + out);
    }
  }

  /** Stops the server (SIGTERM, as an admin's Ctrl-C) and starts it again on the same folder. */
  ServerProcess restart() throws Exception {
    close();
    synchronized (output) {
      output.clear();
    }
    return start();
  }

  /** Starts the server and waits until the web console answers (401 before login). */
  ServerProcess start() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/illbridge").toString())
            .directory(home.toFile())
            .redirectErrorStream(true);
    pb.environment()
        .put("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC -Dorg.osgi.service.http.port=" + httpPort);
    process = pb.start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                }
              } catch (IOException e) {
                // process ended
              }
            },
            "server-output-" + httpPort);
    reader.setDaemon(true);
    reader.start();
    // The launcher prints this once every bundle of bundle/ is started; the console can answer
    // earlier, while the last bundles are still starting.
    if (awaitOutput(l -> l.contains("ILL Bridge is running"), Duration.ofSeconds(120)).isEmpty()) {
      throw new IllegalStateException("server did not finish starting:\n" + output());
    }
    awaitConsole(Duration.ofSeconds(60));
    return this;
  }

  private void awaitConsole(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + output());
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(url("/system/console/bundles")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("console did not answer within " + timeout + ":\n" + output());
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Waits for a line of output matching the predicate. */
  Optional<String> awaitOutput(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (output) {
        for (String line : output) {
          if (match.test(line)) {
            return Optional.of(line);
          }
        }
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  /** The password the server generated and printed on its first start. */
  String generatedPassword() throws InterruptedException {
    String line =
        awaitOutput(l -> PASSWORD.matcher(l).find(), Duration.ofSeconds(30))
            .orElseThrow(() -> new AssertionError("no generated password printed:\n" + output()));
    Matcher m = PASSWORD.matcher(line);
    m.find();
    return m.group(1);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: the shutdown hook stops the framework
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
