package org.illbridge.itests.support;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real distribution, copied to a fresh folder and started with {@code bin/illbridge} as an
 * admin would, on a free loopback HTTP port. Its output is kept so tests can read what the admin
 * sees. The distribution folder comes from the system property {@code illbridge.distribution},
 * the servers' folders go under {@code illbridge.workDir} (kept after a run for post-mortems).
 * Subclasses add what their tests talk to (REST, ISO ports) and extend {@link #awaitReady()}.
 */
public class ServerProcess implements AutoCloseable {
  private static final Pattern PASSWORD = Pattern.compile("password:\\s*(\\S+)");
  /** The launcher prints this once every bundle of bundle/ is started. */
  private static final String RUNNING = "ILL Bridge is running";

  public final Path home;
  public final int httpPort;
  private final List<String> output = new ArrayList<>();
  private String javaOpts = "-Xmx512m -XX:+UseSerialGC";
  private Duration startTimeout = Duration.ofSeconds(120);
  /** At most this many lines are kept in {@link #output} (the oldest dropped first); 0: all. */
  private int maxOutputLines;
  private Process process;

  protected ServerProcess(Path home, int httpPort) {
    this.home = home;
    this.httpPort = httpPort;
  }

  /** Copies the built distribution to a new folder {@code <illbridge.workDir>/<name>}. */
  public static ServerProcess prepare(String name) throws IOException {
    return new ServerProcess(freshHome(name), freePort());
  }

  /**
   * Copies the built distribution to {@code <illbridge.workDir>/<name>}, replacing what an
   * earlier run left there, without the demo's run folder; returns the new home.
   */
  protected static Path freshHome(String name) throws IOException {
    return freshHome(Path.of(System.getProperty("illbridge.distribution")),
        Path.of(System.getProperty("illbridge.workDir")), name);
  }

  /**
   * Copies the distribution {@code dist} to {@code workDir/name}, as {@link #freshHome(String)}
   * does, for users that take both folders from elsewhere than system properties (the load generator).
   */
  protected static Path freshHome(Path dist, Path workDir, String name) throws IOException {
    if (!Files.isExecutable(dist.resolve("bin/illbridge"))) {
      throw new IllegalStateException("distribution not built at " + dist
          + " (mvn -B -q install -DskipTests -pl distribution -am)");
    }
    Path home = workDir.resolve(name);
    deleteTree(home); // left by an earlier run; kept after a run for post-mortems
    copyTree(dist, home);
    deleteTree(home.resolve("demo-run"));
    home.resolve("bin/illbridge").toFile().setExecutable(true);
    return home;
  }

  public static int freePort() throws IOException {
    // A port handed out is bound only later (by the server or a simulator it starts), so the
    // kernel may offer it again meanwhile: never hand out the same port twice in one test JVM
    // (two partners on one port made an e2e run flaky).
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (ISSUED_PORTS.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
    throw new IOException("no free port that was not handed out already");
  }

  private static final java.util.Set<Integer> ISSUED_PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** JVM options for the next start (JAVA_OPTS; the HTTP port is added). */
  public ServerProcess javaOpts(String options) {
    this.javaOpts = options;
    return this;
  }

  /** How long a start may take, up to the end of {@link #awaitReady()}. */
  public ServerProcess startTimeout(Duration timeout) {
    this.startTimeout = timeout;
    return this;
  }

  public Duration startTimeout() {
    return startTimeout;
  }

  /**
   * Keeps only the last {@code lines} lines of output (0, the default: all of it), for long runs
   * such as the load generator's; {@link #output()}, {@link #outputLine} and {@link #awaitOutput}
   * then see only those.
   */
  public ServerProcess maxOutputLines(int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("maxOutputLines must be 0 (all) or more, got " + lines);
    }
    synchronized (output) {
      this.maxOutputLines = lines;
      trimOutput();
    }
    return this;
  }

  /** Drops the oldest lines beyond {@link #maxOutputLines}; called holding the output lock. */
  private void trimOutput() {
    if (maxOutputLines > 0 && output.size() > maxOutputLines) {
      output.subList(0, output.size() - maxOutputLines).clear();
    }
  }

  /** Writes (or replaces) a file in the server's conf/ folder, as an admin would before a start. */
  public ServerProcess conf(String file, String content) throws IOException {
    Files.writeString(home.resolve("conf").resolve(file), content);
    return this;
  }

  /** The home ILL system's directory entry {@code home}: REST, webhooks to {@code webhookPort}. */
  public ServerProcess homePartner(String agency, int webhookPort) throws IOException {
    return conf("org.illbridge.partner-home.cfg", "key=home\nname=Home ILL system (test)\nids=" + agency
        + "\nprotocol=REST\nendpoints=webhook+http://127.0.0.1:" + webhookPort + "/webhook\n");
  }

  /**
   * A lender in the directory ({@code conf/org.illbridge.partner-<key>.cfg}) and its simulator
   * running inside the server ({@code conf/org.illbridge.simulator.partner-<key>.cfg}), on a
   * free port. By the simulator's kind: {@code ISO18626} and {@code ALMA_ISO18626} take ISO 18626
   * at {@code /iso18626} and answer to the bridge's {@code /iso18626}; {@code ALMA_HTTP} takes BER
   * by HTTP POST at {@code /view/iso-ill} and answers to the bridge's BER-over-HTTP endpoint
   * {@code /iso10161}; the other kinds take ISO 10161 over TCP and answer to the bridge's TCP
   * listener {@code bridgeTcpPort}. Needs {@link #installSimulator()}.
   *
   * @param kind the simulator's kind ({@code RELAIS}, {@code VDX}, {@code OCLC}, {@code ISO18626} …)
   * @return the simulator's port
   */
  public int simulatedLender(String key, String agency, String kind, String dialect, double fillRate,
      int bridgeTcpPort) throws IOException {
    int port = freePort();
    boolean iso18626 = kind.endsWith("ISO18626");
    boolean berHttp = kind.equals("ALMA_HTTP");
    String path = iso18626 ? "/iso18626" : berHttp ? "/view/iso-ill" : "";
    String endpoint = (iso18626 || berHttp ? "http://" : "tcp://") + "127.0.0.1:" + port + path;
    String bridge = iso18626 ? "http://127.0.0.1:" + httpPort + "/iso18626"
        : berHttp ? "http://127.0.0.1:" + httpPort + "/iso10161" : "tcp://127.0.0.1:" + bridgeTcpPort;
    String scheme = agency.contains(":") ? agency : "OTHER:" + agency;
    conf("org.illbridge.partner-" + key + ".cfg", "key=" + key + "\nname=" + kind
        + "-like lender (simulated)\nids=" + scheme
        + "\nprotocol=" + (iso18626 ? "ISO18626" : "ISO10161") + "\ndialect=" + dialect
        + "\nendpoints=" + endpoint + "\nallowedAddresses=127.0.0.1/32\ndaysToRespond=7\nnotesAllowed=false\n");
    conf("org.illbridge.simulator.partner-" + key + ".cfg", "agencyId=" + agency + "\nkind=" + kind
        + "\nlistenPort=" + port + (path.isEmpty() ? "" : "\nlistenPath=" + path)
        + "\nbridgeEndpoint=" + bridge + "\nfillRate=" + fillRate + "\nanswerDelayMs=300\nseed=7\n");
    return port;
  }

  /**
   * Points the directory entry {@code key} at another endpoint (e.g. a test's wire tap in front
   * of its simulator).
   */
  public ServerProcess partnerEndpoint(String key, String endpoint) throws IOException {
    Path file = home.resolve("conf").resolve("org.illbridge.partner-" + key + ".cfg");
    String cfg = Files.readString(file);
    if (!cfg.contains("\nendpoints=")) {
      throw new IllegalStateException("no endpoints in " + file);
    }
    Files.writeString(file, cfg.replaceAll("(?m)^endpoints=.*$", "endpoints=" + endpoint));
    return this;
  }

  /** The simulator bundle, shipped in the distribution's demo/bundle/, goes next to the server's bundles. */
  public ServerProcess installSimulator() throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("demo/bundle"))) {
      for (Path jar : (Iterable<Path>) s::iterator) {
        Files.copy(jar, home.resolve("bundle").resolve(jar.getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return this;
  }

  /** Puts {@code jar} in place of every bundle/ jar whose file name starts with {@code prefix}. */
  public ServerProcess replaceBundle(String prefix, Path jar) throws IOException {
    int replaced = 0;
    try (Stream<Path> files = Files.list(home.resolve("bundle"))) {
      for (Path old : (Iterable<Path>) files::iterator) {
        if (old.getFileName().toString().startsWith(prefix)) {
          Files.copy(jar, old, StandardCopyOption.REPLACE_EXISTING);
          replaced++;
        }
      }
    }
    if (replaced == 0) {
      throw new IllegalStateException("no bundle " + prefix + "* in " + home.resolve("bundle"));
    }
    return this;
  }

  /** Moves the bundle whose file name starts with {@code prefix} out of bundle/ into {@code to}; returns it. */
  public Path takeOutBundle(String prefix, Path to) throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("bundle"))) {
      Path jar = s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no bundle " + prefix + " in " + home));
      Files.createDirectories(to);
      return Files.move(jar, to.resolve(jar.getFileName().toString()));
    }
  }

  /** Runs {@code bin/illbridge passwd user} with the password on standard input. */
  public void setPassword(String user, String password) throws Exception {
    Process p = new ProcessBuilder(home.resolve("bin/illbridge").toString(), "passwd", user)
        .redirectErrorStream(true).start();
    p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("passwd failed: " + out);
    }
  }

  /**
   * Starts the server and waits until the launcher says it is running, the web console answers
   * (401 before login) and {@link #awaitReady()} returns.
   */
  public ServerProcess start() throws Exception {
    if (isAlive()) {
      throw new IllegalStateException("already running");
    }
    long deadline = System.nanoTime() + startTimeout.toNanos();
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/illbridge").toString())
        .directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_OPTS", javaOpts + " -Dorg.osgi.service.http.port=" + httpPort);
    // seen by this start's reader, so neither an earlier start's line nor a bounded output hides it
    AtomicBoolean running = new AtomicBoolean();
    Process p = pb.start();
    process = p;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.contains(RUNNING)) {
            running.set(true);
          }
          synchronized (output) {
            output.add(line);
            trimOutput();
          }
        }
      } catch (IOException e) {
        // process ended
      }
    }, "server-output-" + httpPort);
    reader.setDaemon(true);
    reader.start();
    // the console can answer earlier, while the last bundles are still starting
    while (!running.get()) {
      if (!p.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("server did not finish starting within " + startTimeout
            + ":\n" + output());
      }
      Thread.sleep(100);
    }
    awaitConsole(deadline);
    awaitReady();
    return this;
  }

  private void awaitConsole(long deadline) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + output());
      }
      try {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url("/system/console/bundles"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("console did not answer within " + startTimeout + ":\n" + output());
  }

  /** More readiness than the console's: e.g. the REST API answering. Nothing by default. */
  protected void awaitReady() throws Exception {
    // the console answering is enough
  }

  /** Stops the server if it runs (SIGTERM, as an admin's Ctrl-C) and starts it again on the same folder. */
  public ServerProcess restart() throws Exception {
    close();
    return start();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** Everything the server printed, over all its starts (the last lines only with {@link #maxOutputLines}). */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** The first line printed (over all starts) that contains {@code text}. */
  public Optional<String> outputLine(String text) {
    synchronized (output) {
      return output.stream().filter(l -> l.contains(text)).findFirst();
    }
  }

  /** Waits for a line of output (over all starts) matching the predicate. */
  public Optional<String> awaitOutput(Predicate<String> match, Duration timeout)
      throws InterruptedException {
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
  public String generatedPassword() throws InterruptedException {
    String line = awaitOutput(l -> PASSWORD.matcher(l).find(), Duration.ofSeconds(30))
        .orElseThrow(() -> new AssertionError("no generated password printed:\n" + output()));
    Matcher m = PASSWORD.matcher(line);
    m.find();
    return m.group(1);
  }

  /** An HTTP Basic {@code Authorization} header value. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hook, no clean close of the store. */
  public void kill9() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly(); // SIGKILL on Unix
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM (the shutdown hook stops the framework); SIGKILL if it has not ended after 30 s. */
  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
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

  /** Deletes a folder and everything in it, best effort. */
  public static void deleteTree(Path dir) {
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
