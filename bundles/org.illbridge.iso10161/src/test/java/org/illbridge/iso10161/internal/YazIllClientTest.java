package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.junit.jupiter.api.Test;

/**
 * The real peer: YAZ's yaz-illclient sends an ILL-Request to our listener. Skipped when no
 * yaz-illclient is available (system property {@code yaz.illclient}, or on the PATH); see
 * src/test/golden/README.md for building it against Debian's libyaz.
 */
class YazIllClientTest {

  static String illclient() {
    String p = System.getProperty("yaz.illclient");
    if (p != null && new File(p).canExecute()) {
      return p;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "yaz-illclient");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  private record Run(int exit, String output) {}

  private Run run(String exe, int port) throws Exception {
    Path req = Path.of("src/test/golden/request-full.txt").toAbsolutePath();
    // yaz-illclient writes req.apdu into its working directory: keep that inside target/
    Process p = new ProcessBuilder(exe, "-f", req.toString(), "tcp:127.0.0.1:" + port)
        .directory(new File("target")).redirectErrorStream(true).start();
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "yaz-illclient finished");
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8));
  }

  @Test
  void yazIllClientRequestReachesTheHandler() throws Exception {
    String exe = illclient();
    assumeTrue(exe != null, "yaz-illclient not available");
    List<InboundMessage> got = new CopyOnWriteArrayList<>();
    try (ApduServer server = new ApduServer(ApduServerTest.settings(1000), m -> {
      got.add(m);
      return new InboundResult.Accepted("k", false);
    })) {
      Run r = run(exe, server.port());
      // accepted: no reply, so yaz-illclient gives up when the idle connection closes (exit 5)
      assertEquals(1, got.size(), r.output());
      assertEquals(MessageType.REQUEST, got.get(0).message().type());
      assertEquals("The Java Language Specification", got.get(0).message().item().title());
      assertEquals("GRP-2024/REQ-000123", got.get(0).message().requesterTransactionId());
    }
  }

  @Test
  void yazIllClientDecodesOurStatusOrErrorReport() throws Exception {
    String exe = illclient();
    assumeTrue(exe != null, "yaz-illclient not available");
    try (ApduServer server = new ApduServer(ApduServerTest.settings(5000),
        m -> new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION, "Unknown loan"))) {
      Run r = run(exe, server.port());
      // yaz-illclient prints the provider error and the note, exit 7 = error report received
      assertEquals(7, r.exit(), r.output());
      assertTrue(r.output().contains("Transaction Id Problem: 3"), r.output());
      assertTrue(r.output().contains("Unknown loan"), r.output());
    }
  }
}
