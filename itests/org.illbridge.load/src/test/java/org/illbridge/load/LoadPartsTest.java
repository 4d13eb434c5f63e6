package org.illbridge.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void iso18626ScanSkipsDeclarationCommentsEndTagsAndLookalikeElements() {
    String xml = "<?xml version=\"1.0\"?>\n<!-- <request> in a comment --><ns2:ISO18626Message xmlns:ns2=\"x\" version=\"1.2\">\n"
        + "  <ns2:supplyingAgencyMessage>\n    <ns2:header><ns2:requestingAgencyRequestId> IB7Q-12 "
        + "</ns2:requestingAgencyRequestId></ns2:header>\n"
        + "    <ns2:messageInfo><ns2:reasonForMessage>RequestResponse</ns2:reasonForMessage></ns2:messageInfo>\n"
        + "    <ns2:statusInfo><ns2:status>WillSupply</ns2:status></ns2:statusInfo>\n"
        + "    <ns2:confirmationHeader><ns2:messageStatus>OK</ns2:messageStatus></ns2:confirmationHeader>"
        + "</ns2:supplyingAgencyMessage></ns2:ISO18626Message>";
    byte[] b = xml.getBytes(StandardCharsets.UTF_8);
    assertEquals("supplyingAgencyMessage", Wire.messageElement(b));
    assertEquals("IB7Q-12", Wire.text(b, "requestingAgencyRequestId"), "trimmed");
    assertEquals("OK", Wire.text(b, "messageStatus"));
    assertEquals(null, Wire.text(b, "Status"), "case matters, as in XML");
    assertEquals(new Wire.Seen("IB7Q", "WILL_SUPPLY"), Wire.iso18626(b));
    assertEquals(null, Wire.text("<a></b:status>".getBytes(StandardCharsets.UTF_8), "status"),
        "an end tag is not a start tag");
    assertEquals(null, Wire.text("<a><status>no end".getBytes(StandardCharsets.UTF_8), "status"));
    assertEquals(null, Wire.messageElement("<only/>".getBytes(StandardCharsets.UTF_8)));
    assertEquals("UNREADABLE", Wire.iso18626("<ISO18626Message><other/></ISO18626Message>"
        .getBytes(StandardCharsets.UTF_8)).type());
  }

  @Test
  void bridgeKeyDropsOnlyANumericSuffix() {
    assertEquals("IBABC", Wire.bridgeKey("IBABC-2"));
    assertEquals("IB-ABC", Wire.bridgeKey("IB-ABC-17"));
    assertEquals("IB-ABC", Wire.bridgeKey("IB-ABC"));
    assertEquals("IBABC-", Wire.bridgeKey("IBABC-"));
    assertEquals("IBABC", Wire.bridgeKey("IBABC"));
    assertEquals("?", Wire.bridgeKey(null));
  }

  @Test
  void webhookKeyAndTypeAreReadWithoutATree() throws Exception {
    String body = "{\"event\":{\"nested\":{\"type\":\"NOT-THIS\"}},\"items\":[{\"type\":\"NOR-THIS\"}],"
        + "\"type\":\"SHIPPED\",\"supplierTransactionId\":\"IB42\",\"note\":null,\"n\":3}";
    assertArrayEquals(new String[] {"IB42", "SHIPPED"},
        HomeSide.keyAndType(body.getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(new String[] {"?", "CHECKED_IN"},
        HomeSide.keyAndType("{\"type\":\"CHECKED_IN\"}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(java.io.IOException.class, () -> HomeSide.keyAndType("[1]".getBytes(StandardCharsets.UTF_8)));
    assertThrows(java.io.IOException.class, () -> HomeSide.keyAndType("{\"type\":".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void webhookSignaturesAreCheckedWithTheSharedSecret() throws Exception {
    byte[] body = "{\"type\":\"SHIPPED\"}".getBytes(StandardCharsets.UTF_8);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(Server.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String good = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    for (int i = 0; i < 3; i++) { // the per-thread Mac is reused
      assertTrue(HomeSide.signatureOk(good, body));
      assertTrue(HomeSide.signatureOk(good.toUpperCase().replace("SHA", "sha"), body));
      assertFalse(HomeSide.signatureOk(good, "{\"type\":\"SHIPPED \"}".getBytes(StandardCharsets.UTF_8)));
      assertFalse(HomeSide.signatureOk(null, body));
    }
  }

  @Test
  void serverOptionsTakeSeveralJvmOptionsByCommaOrSpace() {
    assertEquals("-Xmx384m -XX:+UseSerialGC", new Options(new String[] {"-serverOpts=-Xmx384m,-XX:+UseSerialGC"}, 0)
        .jvmOptions("serverOpts", "def"));
    assertEquals("-Xmx384m -XX:StartFlightRecording=duration=30s,filename=/tmp/s.jfr -Da=b",
        new Options(new String[] {"-serverOpts=-Xmx384m, -XX:StartFlightRecording=duration=30s,filename=/tmp/s.jfr,-Da=b"}, 0)
            .jvmOptions("serverOpts", "def"), "a comma inside an option's value stays");
    assertEquals("-Xmx384m -XX:+UseSerialGC", new Options(new String[] {"-serverOpts= -Xmx384m   -XX:+UseSerialGC "}, 0)
        .jvmOptions("serverOpts", "def"), "a quoted value arrives with spaces");
    assertEquals("def", new Options(new String[0], 0).jvmOptions("serverOpts", "def"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Options(new String[] {"-serverOpts=-Xmx384m UseSerialGC"}, 0).jvmOptions("serverOpts", "def"));
    assertTrue(e.getMessage().contains("'UseSerialGC' is not a JVM option"), e.getMessage());
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
        () -> new Options(new String[] {"-serverOpts=-Xmx384m", "-XX:+UseSerialGC"}, 0));
    assertTrue(split.getMessage().contains("separate them with commas"), split.getMessage());
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
