package org.illbridge.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.illbridge.itests.support.RestApi;
import org.illbridge.itests.support.ServerProcess;

/**
 * The real distribution ({@link ServerProcess} of itests/org.illbridge.itests.support), copied to
 * a fresh folder and started with {@code bin/illbridge} as an admin would, on free loopback ports:
 * the home system's API key and webhook secret, the ISO 10161 TCP listener on loopback; partners
 * are added as {@code conf/*.cfg} files before {@link #start(String)}. Ready once the REST API
 * answers. Only the last {@value #OUTPUT_LINES} lines of output are kept (long runs).
 */
final class Server extends ServerProcess {
  static final String API_KEY = "load-api-key-8d2f61c0a9b34e57";
  static final String WEBHOOK_SECRET = "load-webhook-secret-5a1e";
  /** The launcher script's default JVM options (bin/illbridge), kept so the measure is an admin's setup. */
  static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx512m -XX:+UseSerialGC -Xshare:auto";
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final int OUTPUT_LINES = 200;

  final int tcpPort;
  private final RestApi rest;

  private Server(Path home, int httpPort, int tcpPort) throws IOException {
    super(home, httpPort);
    this.tcpPort = tcpPort;
    this.rest = RestApi.configure(this, "load", API_KEY, WEBHOOK_SECRET);
    startTimeout(START_TIMEOUT);
    maxOutputLines(OUTPUT_LINES);
  }

  /** Copies the built distribution to {@code workDir/name} and writes the base configuration. */
  static Server prepare(Path dist, Path workDir, String name) throws IOException {
    Server s = new Server(freshHome(dist, workDir, name), freePort(), freePort());
    s.conf("org.illbridge.iso10161.tcp.cfg", "port=" + s.tcpPort + "\nbindAddress=127.0.0.1\n");
    return s;
  }

  /** Starts the server with these JVM options and waits until the REST API answers. */
  Server start(String javaOpts) throws Exception {
    javaOpts(javaOpts);
    start();
    return this;
  }

  /** Ready = the REST API answers an authenticated list call (engine, store and partners are up). */
  @Override
  protected void awaitReady() throws Exception {
    rest.awaitReady(startTimeout());
  }
}
