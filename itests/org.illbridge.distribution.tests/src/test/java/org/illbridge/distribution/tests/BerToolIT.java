package org.illbridge.distribution.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/illbridge-ber, the admin's tool for a partner's BER message, as shipped. */
class BerToolIT {
  @TempDir static Path work;
  private static Path tool;
  private static Path request;

  @BeforeAll
  static void prepare() throws Exception {
    tool = Path.of(System.getProperty("illbridge.distribution"), "bin", "illbridge-ber");
    request = work.resolve("request.ber");
    try (var in = BerToolIT.class.getResourceAsStream("/yaz-illclient-request-oclc.ber")) {
      Files.copy(in, request);
    }
  }

  private static String[] run(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = tool.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new String[] {Integer.toString(p.exitValue()), out, err};
  }

  @Test
  void decodesAYazRequestToATreeAndToJsonAndBackToTheSameBytes() throws Exception {
    String[] tree = run("tree", request.toString());
    assertEquals("0", tree[0], tree[2]);
    assertTrue(tree[1].startsWith("ILL_REQUEST"), tree[1]);
    assertTrue(tree[1].contains("groupQualifier: \"G1\""), tree[1]);

    String[] json = run("json", request.toString());
    assertEquals("0", json[0], json[2]);
    Path jsonFile = Files.writeString(work.resolve("request.json"), json[1]);
    Path again = work.resolve("again.ber");
    String[] encoded = run("encode", jsonFile.toString(), again.toString());
    assertEquals("0", encoded[0], encoded[2]);
    assertEquals(run("tree", request.toString())[1], run("tree", again.toString())[1]);
  }

  @Test
  void garbageGetsAClearErrorAndExitStatusOne() throws Exception {
    Path garbage = Files.writeString(work.resolve("garbage.ber"), "garbage");
    String[] r = run("tree", garbage.toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("not a valid ISO 10161 APDU"), r[2]);
  }
}
