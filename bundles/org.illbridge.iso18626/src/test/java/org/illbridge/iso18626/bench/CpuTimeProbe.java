package org.illbridge.iso18626.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Version;

/**
 * Companion to {@link CodecBenchmark} for a shared, busy machine: counts operations per second of
 * this thread's CPU time, so that time spent waiting for a core does not count. Run:
 * {@code mvn -Pbench test-compile exec:exec -Dexec.mainClass=... } (see the README).
 */
public final class CpuTimeProbe {
  private CpuTimeProbe() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Iso18626Codec plain = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
    Iso18626Codec validating = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true));
    Iso18626Codec bothWays = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true).withValidateOutbound(true));
    for (Iso18626Version v : Iso18626Version.values()) {
      byte[] wire = bothWays.write(BenchSamples.fullRequest(v), v);
      for (Iso18626Codec codec : new Iso18626Codec[] {plain, validating, bothWays}) {
        double best = 0;
        for (int round = 0; round < 6; round++) {
          long cpu0 = mx.getCurrentThreadCpuTime();
          int n = 0;
          while (mx.getCurrentThreadCpuTime() - cpu0 < 1_000_000_000L) {
            for (int i = 0; i < 50; i++) {
              Iso18626Document doc = codec.read(wire);
              codec.write(doc.message(), doc.version());
            }
            n += 50;
          }
          double perCpuSecond = n / ((mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
          if (round >= 2) {
            best = Math.max(best, perCpuSecond);
          }
        }
        System.out.printf("%s %s parse+serialize: %.0f ops per CPU-second (%d bytes)%n", v,
            codec.options().validateOutbound() ? "validated both ways" : codec.options().validate() ? "validated (read)" : "plain",
            best, wire.length);
      }
    }
  }
}
