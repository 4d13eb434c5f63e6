package org.illbridge.iso18626.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.SamplesAccess;

/**
 * Where the time of parse + serialize goes (not a test; run like {@code CpuTimeProbe}, with
 * {@code -Dbench.main=org.illbridge.iso18626.internal.PartsProbe}): CPU µs per message for each
 * part of the codec on the full Request, measured on this thread's CPU time.
 */
public final class PartsProbe {
  private PartsProbe() {}

  interface Part {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int max = Iso18626Codec.Options.DEFAULT_MAX_BYTES;
    int depth = Iso18626Codec.Options.DEFAULT_MAX_DEPTH;
    int elements = Iso18626Codec.Options.DEFAULT_MAX_ELEMENTS;
    for (Iso18626Version v : Iso18626Version.values()) {
      Iso18626Message m = SamplesAccess.fullRequest(v);
      byte[] wire = XmlCodecSupport.write(m, v);
      XmlNode tree = new Utf8XmlScanner(wire, depth, elements, false).scan();
      Iso18626Document doc = new MessageReader(true).read(tree);
      report(v + " JDK StAX tree (reference)", () -> new SecureXmlParser(max, depth, elements).parseWithJdk(wire));
      report(v + " scan to tree", () -> new Utf8XmlScanner(wire, depth, elements, false).scan());
      report(v + " scan to tree, validating", () -> new Utf8XmlScanner(wire, depth, elements, true).scan());
      report(v + " tree to records", () -> new MessageReader(true).read(new Utf8XmlScanner(wire, depth, elements, false).scan()));
      report(v + " records to bytes", () -> new MessageWriter(v).write(doc.message(), false));
      report(v + " records to bytes, validating", () -> new MessageWriter(v).write(doc.message(), true));
    }
  }

  private static void report(String what, Part part) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      int n = 0;
      while (mx.getCurrentThreadCpuTime() - cpu0 < 500_000_000L) {
        for (int i = 0; i < 50; i++) {
          part.run();
        }
        n += 50;
      }
      double us = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
      if (round >= 1) {
        best = Math.min(best, us);
      }
    }
    System.out.printf("%-45s %7.1f µs%n", what, best);
  }
}
