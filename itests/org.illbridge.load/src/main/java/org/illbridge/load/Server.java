package org.illbridge.load;

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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real distribution, copied to a fresh folder and started with {@code bin/illbridge} as an
 * admin would, on free loopback ports. Adapted from the e2e tests' {@code Bridge}
 * (itests/org.illbridge.e2e.tests), which is test code of that module and not published.
 */
final class Server implements AutoCloseable {
  static final String API_KEY = "load-api-key-8d2f61c0a9b34e57";
  static final String WEBHOOK_SECRET = "load-webhook-secret-5a1e";
  /** The launcher script's default JVM options (bin/illbridge), kept so the measure is an admin's setup. */
  static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx512m -XX:+UseSerialGC -Xshare:auto";
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  final Path home;
  final int httpPort;
  final int tcpPort;
  private final Deque<String> output = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  private Server(Path home, int httpPort, int tcpPort) {
    this.home = home;
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
  }

  /** Copies the built distribution to {@code workDir/name} and writes the base configuration. */
  static Server prepare(Path dist, Path workDir, String name) throws IOException {
    if (!Files.isRegularFile(dist.resolve("bin/illbridge"))) {
      throw new IllegalArgumentException("distribution not built at " + dist
          + " (mvn -B -q -f distribution/pom.xml install)");
    }
    Path home = workDir.resolve(name);
    deleteTree(home);
    copyTree(dist, home);
    deleteTree(home.resolve("demo-run"));
    home.resolve("bin/illbridge").toFile().setExecutable(true);
    Server s = new Server(home, freePort(), freePort());
    s.conf("org.illbridge.rest.cfg", ".apiKeys=load:" + sha256(API_KEY) + "\n.webhookSecret="
        + WEBHOOK_SECRET + "\nhomePartnerKey=home\n");
    s.conf("org.illbridge.iso10161.tcp.cfg", "port=" + s.tcpPort + "\nbindAddress=127.0.0.1\n");
    return s;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void conf(String file, String content) throws IOException {
    Files.writeString(home.resolve("conf").resolve(file), content);
  }

  /** Starts the server and waits until the REST API answers (engine, store and partners up). */
  Server start(String javaOpts) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/illbridge").toString())
        .directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_OPTS", javaOpts + " -Dorg.osgi.service.http.port=" + httpPort);
    process = pb.start();
    Process p = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (output) {
            if (output.size() == 200) {
              output.removeFirst();
            }
            output.addLast(line);
          }
        }
      } catch (IOException e) {
        // process ended
      }
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + output());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/v1/transactions?limit=1"))
            .header("X-API-Key", API_KEY).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        last = r.statusCode();
        if (last == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("REST API not ready within " + START_TIMEOUT + " (last HTTP "
        + last + "):\n" + output());
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
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

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
