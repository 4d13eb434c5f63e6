package org.illbridge.console.internal.security.bench;

import java.util.concurrent.TimeUnit;
import org.illbridge.console.PasswordHash;
import org.illbridge.console.internal.security.BenchFixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What console security costs per request: the deliberately slow password check (paid once per
 * browser login, once per 5 minutes per script), a script request served from the verified-
 * credentials cache, a browser request inside its session (CSRF check included), and the page
 * rewrite that injects the CSRF token, against the same page written plainly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class ConsoleSecurityBenchmark {

  private static final String PASSWORD = "Xk7pQ2mZr9TwV4nB8cHd";

  private String hash;
  private BenchFixtures fixtures;

  @Setup
  public void setUp() {
    hash = PasswordHash.hash(PASSWORD.toCharArray());
    fixtures = new BenchFixtures(hash, PASSWORD, 40);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean pbkdf2Verify() {
    return PasswordHash.verify(PASSWORD.toCharArray(), hash);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String scriptRequestCached() {
    return fixtures.scriptRequest();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String browserSessionPostWithToken() {
    return fixtures.sessionPost();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int page40kWithInjection() throws Exception {
    return fixtures.injectedPage();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int page40kPlain() throws Exception {
    return fixtures.plainPage();
  }
}
