package org.illbridge.iso10161.bench;

import java.lang.management.ManagementFactory;
import com.sun.management.ThreadMXBean;
import org.illbridge.iso10161.*;
/**
 * CPU time and allocation per decode + encode, measured with ThreadMXBean: on a loaded shared
 * machine wall-clock JMH scores are noise, CPU time per operation much less so. Run with the test
 * class path: {@code java -cp ... org.illbridge.iso10161.bench.CpuTime}.
 */
public class CpuTime {
  public static void main(String[] a) throws Exception {
    byte[] yaz = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(a.length > 0 ? a[0] : "src/test/resources/golden/yaz-illclient-request-full.ber"));
    BerCodec c = new BerCodec();
    byte[] full = c.encode(Samples.fullRequest());
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (byte[] in : new byte[][] {yaz, full}) {
      for (int i = 0; i < 200_000; i++) c.encode(c.decode(in));
      for (int round = 0; round < 3; round++) {
        int n = 200_000;
        long cpu0 = mx.getCurrentThreadCpuTime(), al0 = mx.getCurrentThreadAllocatedBytes();
        int sink = 0;
        for (int i = 0; i < n; i++) sink += c.encode(c.decode(in)).length;
        long cpu = mx.getCurrentThreadCpuTime() - cpu0, al = mx.getCurrentThreadAllocatedBytes() - al0;
        System.out.printf("%d bytes in: %.2f us CPU/op, %d B/op (%d)%n", in.length, cpu / 1000.0 / n, al / n, sink);
      }
    }
    // the YAZ request's decode and encode apart
    IllApdu decoded = c.decode(yaz);
    for (int round = 0; round < 2; round++) {
      int n = 200_000;
      long cpu0 = mx.getCurrentThreadCpuTime(), al0 = mx.getCurrentThreadAllocatedBytes();
      int sink = 0;
      for (int i = 0; i < n; i++) sink += c.decode(yaz) == null ? 0 : 1;
      long cpu1 = mx.getCurrentThreadCpuTime(), al1 = mx.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < n; i++) sink += c.encode(decoded).length;
      long cpu2 = mx.getCurrentThreadCpuTime(), al2 = mx.getCurrentThreadAllocatedBytes();
      System.out.printf("decode: %.2f us CPU/op, %d B/op; encode: %.2f us CPU/op, %d B/op (%d)%n",
          (cpu1 - cpu0) / 1000.0 / n, (al1 - al0) / n, (cpu2 - cpu1) / 1000.0 / n, (al2 - al1) / n, sink);
    }
  }
}
