package org.illbridge.iso10161.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The C peer {@code yaz-ill-peer} (src/test/c/yaz-ill-peer.c): a real ISO 10161 partner built on
 * YAZ's own ILL encoder/decoder (libyaz). {@link #get()} compiles it once per JVM with gcc
 * against the installed libyaz; {@link #run} runs it.
 *
 * <p>When gcc or the libyaz headers are missing the calling test is skipped, except when the
 * environment variable {@code CI=true}: then it fails, because CI must install {@code gcc
 * libyaz-dev}. Other modules use it through this module's test-jar (the C source travels in it
 * as a resource next to this class):
 *
 * <pre>{@code
 * YazIllPeer peer = YazIllPeer.get();            // compiles into target/yaz-ill-peer
 * YazIllPeer.Result r = peer.run("--no-reply", "-t", "1",
 *     "-D", "item-id,title=Dune", "tcp:127.0.0.1:" + port);
 * }</pre>
 */
public final class YazIllPeer {

  /** Exit codes of the peer. */
  public static final int OK = 0;
  public static final int USAGE_OR_ENCODING = 1;
  public static final int UNDECODABLE_REPLY = 2;
  public static final int CONNECTION_OR_TIMEOUT = 3;
  public static final int UNEXPECTED_REPLY = 4;

  /** How one run ended: the exit code, the summary line(s) on stdout, the diagnostics. */
  public record Result(int exit, String stdout, String stderr) {
    /** The first stdout line: the summary of the answer, or "no reply". */
    public String summary() {
      return stdout.lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  static final String SOURCE = "yaz-ill-peer.c";
  private static final long RUN_LIMIT_SECONDS = 60;
  private static final Object LOCK = new Object();
  private static YazIllPeer built;
  private static String unavailable;

  private final Path executable;

  private YazIllPeer(Path executable) {
    this.executable = executable;
  }

  /** The peer compiled into {@code target/} (Maven runs tests in the module directory). */
  public static YazIllPeer get() {
    return get(Path.of("target"));
  }

  /**
   * The peer compiled into {@code dir} (reused while the source is unchanged). Skips the calling
   * test when gcc or libyaz is missing, fails instead when {@code CI=true}.
   */
  public static YazIllPeer get(Path dir) {
    synchronized (LOCK) {
      if (built == null && unavailable == null) {
        try {
          built = compile(dir.toAbsolutePath());
        } catch (Unavailable e) {
          unavailable = e.getMessage();
        }
      }
      if (unavailable != null) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError(unavailable + ". CI=true, so this is an error: install gcc and"
              + " libyaz-dev (apt-get install -y gcc libyaz-dev yaz) so the YAZ peer tests run.");
        }
        Assumptions.abort(unavailable + " (install gcc and libyaz-dev to run the YAZ peer"
            + " tests; they fail instead of skipping when CI=true)");
      }
      return built;
    }
  }

  /** The compiled binary. */
  public Path executable() {
    return executable;
  }

  /** Runs the peer with these arguments (see the usage at the top of yaz-ill-peer.c). */
  public Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(Arrays.asList(args));
    return exec(cmd, RUN_LIMIT_SECONDS);
  }

  /** Runs the peer against {@code 127.0.0.1:port}, the address going last. */
  public Result send(int port, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = "tcp:127.0.0.1:" + port;
    return run(all);
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private static YazIllPeer compile(Path dir) throws Unavailable {
    byte[] source;
    try (InputStream in = YazIllPeer.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SOURCE + " is not on the test classpath next to "
            + YazIllPeer.class.getName() + " (see the testResources of the iso10161 pom)");
      }
      source = in.readAllBytes();
      Files.createDirectories(dir);
      Path src = dir.resolve(SOURCE);
      Path exe = dir.resolve("yaz-ill-peer");
      boolean same = Files.exists(src) && Arrays.equals(Files.readAllBytes(src), source);
      if (same && Files.isExecutable(exe)
          && Files.getLastModifiedTime(exe).compareTo(Files.getLastModifiedTime(src)) >= 0) {
        return new YazIllPeer(exe);
      }
      if (!same) {
        Files.write(src, source);
      }
      Files.deleteIfExists(exe);
      List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-o", exe.toString(),
          src.toString()));
      cmd.addAll(yazFlags());
      Result r;
      try {
        r = exec(cmd, 120);
      } catch (UncheckedIOException e) {
        throw new Unavailable("gcc could not be started (" + e.getCause().getMessage() + ")");
      }
      if (r.exit() != 0) {
        String out = r.stdout() + r.stderr();
        if (out.contains("yaz/") && out.contains("No such file")
            || out.contains("cannot find -lyaz")) {
          throw new Unavailable("libyaz headers or library not found (package libyaz-dev): "
              + out.strip());
        }
        throw new IllegalStateException("compiling " + src + " failed:\n" + String.join(" ", cmd)
            + "\n" + out);
      }
      return new YazIllPeer(exe);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiler and linker flags for libyaz: pkg-config, else yaz-config, else plain -lyaz. */
  static List<String> yazFlags() {
    for (List<String> probe : List.of(List.of("pkg-config", "--cflags", "--libs", "yaz"),
        List.of("yaz-config", "--cflags", "--libs"))) {
      try {
        Result r = exec(probe, 30);
        if (r.exit() == 0 && !r.stdout().isBlank()) {
          return List.of(r.stdout().strip().split("\\s+"));
        }
      } catch (UncheckedIOException notInstalled) {
        // try the next way
      }
    }
    return List.of("-lyaz");
  }

  private static Result exec(List<String> cmd, long limitSeconds) {
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd) + " still running after " + limitSeconds
            + " s");
      }
      return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + cmd.get(0), e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    // a thread of its own per stream (not the common pool: two blocking reads must not queue)
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (in) {
        in.transferTo(buf);
      } catch (IOException e) {
        // the process went away: keep what was read
      }
      result.complete(buf.toByteArray());
    }, "yaz-ill-peer-output");
    t.setDaemon(true);
    t.start();
    return result;
  }
}
