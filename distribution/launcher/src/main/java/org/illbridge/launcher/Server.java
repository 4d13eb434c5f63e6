package org.illbridge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Felix with every jar of {@code bundle/}; FileInstall then watches conf/ and deploy/. */
final class Server {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Path home;
  private final LauncherConfig config;
  private Framework framework;
  private FileLock instanceLock;

  Server(Path home, LauncherConfig config) {
    this.home = home;
    this.config = config;
  }

  void start() throws Exception {
    long started = System.nanoTime();
    Path data = Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("deploy"));
    lockInstance(data);
    config.asMap().forEach(
        (k, v) -> {
          if (k.startsWith("derby.")) {
            System.setProperty(k, v); // Derby reads JVM system properties only
          }
        });
    Map<String, String> props = new HashMap<>(config.asMap());
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
    framework = factory.newFramework(props);
    framework.init();
    List<Bundle> installed = installBundles(Main.requireDir(home.resolve("bundle")));
    framework.start();
    int failures = 0;
    for (Bundle b : installed) {
      if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
        continue;
      }
      try {
        b.start();
      } catch (BundleException e) {
        failures++;
        LOG.error("Bundle {} did not start: {}", b.getSymbolicName(), e.getMessage());
      }
    }
    Files.writeString(data.resolve("illbridge.pid"), Long.toString(ProcessHandle.current().pid()));
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.info(
        "ILL Bridge started in {} ms: {} bundles{}", millis, installed.size(),
        failures == 0 ? "" : ", " + failures + " failed to start (see above)");
    System.out.println();
    System.out.println("  ILL Bridge is running. Web console: " + config.consoleUrl());
    System.out.println("  Log in as the console user (default name: admin). On the first start the");
    System.out.println("  password is generated and shown once above; set your own with: bin/illbridge passwd");
    System.out.println("  Home: " + home + "   Stop: Ctrl-C");
    System.out.println();
  }

  private void lockInstance(Path data) throws IOException {
    FileChannel channel =
        FileChannel.open(data.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    instanceLock = channel.tryLock();
    if (instanceLock == null) {
      throw new IOException("another ILL Bridge is already running on " + home);
    }
  }

  /**
   * Makes the framework's bundles match bundle/: installs new jars, updates a jar that changed
   * since it was installed, uninstalls bundles whose jar left bundle/ (an upgrade of the
   * distribution). Bundles installed by other means (console upload, deploy/) are left alone, so
   * they survive a restart: the OSGi cache under data/ is kept between starts.
   */
  private List<Bundle> installBundles(Path dir) throws IOException, BundleException {
    List<Path> jars;
    try (Stream<Path> s = Files.list(dir)) {
      jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    BundleContext context = framework.getBundleContext();
    String dirLocation = dir.toUri().toString();
    Set<String> shipped = new HashSet<>();
    List<Bundle> bundles = new ArrayList<>();
    List<Bundle> changed = new ArrayList<>();
    for (Path jar : jars) {
      String location = jar.toUri().toString();
      shipped.add(location);
      Bundle existing = context.getBundle(location);
      try (InputStream in = Files.newInputStream(jar)) {
        if (existing == null) {
          bundles.add(context.installBundle(location, in));
        } else {
          if (Files.getLastModifiedTime(jar).toMillis() > existing.getLastModified()) {
            existing.update(in);
            changed.add(existing);
          }
          bundles.add(existing);
        }
      }
    }
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith(dirLocation) && !shipped.contains(b.getLocation())) {
        LOG.info("Uninstalling {}: its jar is no longer in bundle/", b.getSymbolicName());
        b.uninstall();
        changed.add(b);
      }
    }
    if (!changed.isEmpty()) {
      LOG.info("{} bundle(s) of bundle/ changed since the last start", changed.size());
      // the framework is not started yet: a refresh now only drops the old revisions
      framework.adapt(FrameworkWiring.class).refreshBundles(changed);
    }
    return bundles;
  }

  void awaitStop() throws InterruptedException {
    FrameworkEvent event = framework.waitForStop(0);
    if (event.getType() == FrameworkEvent.ERROR) {
      LOG.error("Framework stopped with an error", event.getThrowable());
    }
  }

  void stop() {
    if (framework == null || framework.getState() != Bundle.ACTIVE) {
      return;
    }
    try {
      LOG.info("Stopping ILL Bridge");
      framework.stop();
      framework.waitForStop(30_000);
      Files.deleteIfExists(home.resolve("data").resolve("illbridge.pid"));
    } catch (Exception e) {
      LOG.warn("Clean stop failed: {}", e.toString());
    }
  }
}
