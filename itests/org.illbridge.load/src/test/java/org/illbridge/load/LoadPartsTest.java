package org.illbridge.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load generator's own logic: what it measures must be read and reported right. */
class LoadPartsTest {

  @Test
  void procStatParsesCpuTicksAndMemoryEvenWithSpacesInTheCommandName() {
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 1000 "
        + "900000000 40000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
    String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmHWM:\t  301234 kB\nVmRSS:\t  250000 kB\n";
    ProcStats.Sample s = ProcStats.parse(stat, status, 100);
    assertEquals(3.0, s.cpuSeconds(), 1e-9, "utime 250 + stime 50 ticks at 100 Hz");
    assertEquals(250000, s.rssKb());
    assertEquals(301234, s.hwmKb());
    assertThrows(IllegalArgumentException.class, () -> ProcStats.parse("garbage", status, 100));
  }

  @Test
  void procStatOfThisProcessIsReadable() throws Exception {
    ProcStats.Sample s = ProcStats.read(ProcessHandle.current().pid());
    assertTrue(s.rssKb() > 0 && s.hwmKb() >= s.rssKb(), s.toString());
    assertTrue(s.cpuSeconds() > 0);
  }

  @Test
  void percentilesAreNearestRank() {
    Latencies l = new Latencies("x");
    for (int i = 100; i >= 1; i--) {
      l.add(i * 1_000_000L); // 1..100 ms, added out of order
    }
    Latencies.Summary s = l.summary();
    assertEquals(100, s.count());
    assertEquals(50.0, s.p50());
    assertEquals(99.0, s.p99());
    assertEquals(100.0, s.max());
    assertEquals(50.5, s.mean());
    assertEquals(0, new Latencies("empty").summary().p99());
  }

  @Test
  void resultsSectionIsReplacedBetweenItsMarkersAndOthersAreKept() {
    String doc = "# Load\n\nintro\n";
    String once = Report.replaceSection(doc, "lifecycle", "first run");
    String both = Report.replaceSection(once, "iso18626", "other mode");
    String again = Report.replaceSection(both, "lifecycle", "second run");
    assertTrue(again.startsWith("# Load\n\nintro\n"));
    assertTrue(again.contains("second run") && !again.contains("first run"), again);
    assertTrue(again.contains("other mode"));
    assertEquals(1, again.split("load:lifecycle:begin", -1).length - 1);
  }

  @Test
  void iso18626MessagesAreRecognisedWithAnyPrefix() {
    byte[] request = Iso18626Load.requestXml("R-1");
    assertEquals(new Wire.Seen("R", "REQUEST"), Wire.iso18626(request), "id R-1: suffix -1 stripped");
    String sam = "<ill:ISO18626Message xmlns:ill=\"x\"><ill:supplyingAgencyMessage><ill:header>"
        + "<ill:requestingAgencyRequestId>IBABC-2</ill:requestingAgencyRequestId></ill:header>"
        + "<ill:statusInfo><ill:status>Loaned</ill:status></ill:statusInfo></ill:supplyingAgencyMessage></ill:ISO18626Message>";
    assertEquals(new Wire.Seen("IBABC", "SHIPPED"), Wire.iso18626(sam.getBytes(StandardCharsets.UTF_8)));
    String ram = "<ISO18626Message><requestingAgencyMessage><header><requestingAgencyRequestId>IBX-1"
        + "</requestingAgencyRequestId></header><action>ShippedReturn</action></requestingAgencyMessage></ISO18626Message>";
    assertEquals(new Wire.Seen("IBX", "RETURNED"), Wire.iso18626(ram.getBytes(StandardCharsets.UTF_8)));
    assertEquals("UNREADABLE", Wire.iso18626("not xml".getBytes(StandardCharsets.UTF_8)).type());
  }

  @Test
  void threadDumpSummaryCountsBusyBridgeAndDerbyFramesOnly() {
    String dump = "\"a\" #1\n   java.lang.Thread.State: RUNNABLE\n\tat java.io.X.y(X.java:1)\n"
        + "\tat org.apache.derby.impl.store.raw.log.LogToFile.flush(LogToFile.java:9)\n\n"
        + "\"b\" #2\n   java.lang.Thread.State: RUNNABLE\n\tat org.illbridge.iso10161.internal.ApduReader.next(A.java:3)\n\n"
        + "\"c\" #3\n   java.lang.Thread.State: WAITING\n\tat java.lang.Object.wait(Native Method)\n";
    assertEquals(Map.of("RUNNABLE org.apache.derby.impl.store.raw.log.LogToFile.flush", 1),
        ThreadDumps.summarise(dump));
  }

  @Test
  void optionsRefuseTyposAndBadNumbers() {
    Options o = new Options(new String[] {"-count=5", "-cuncurrency=3"}, 0);
    assertEquals(5, o.integer("count", 1, 1, 10));
    o.integer("concurrency", 1, 1, 10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::checkAllUsed);
    assertTrue(e.getMessage().contains("-cuncurrency"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Options(new String[] {"-count=many"}, 0).integer("count", 1, 1, 10));
    assertThrows(IllegalArgumentException.class,
        () -> new Options(new String[] {"-count=0"}, 0).integer("count", 1, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new Options(new String[] {"count"}, 0));
  }
}
