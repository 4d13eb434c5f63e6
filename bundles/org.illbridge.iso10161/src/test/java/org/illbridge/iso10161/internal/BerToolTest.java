package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.Samples;
import org.illbridge.iso10161.internal.cli.ApduJson;
import org.illbridge.iso10161.internal.cli.BerTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BerToolTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return BerTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void everyApduSurvivesJson() throws Exception {
    for (IllApdu apdu : Samples.allApdus()) {
      String json = ApduJson.toJson(apdu);
      assertEquals(apdu, ApduJson.fromJson(json), json);
    }
  }

  @Test
  void treeJsonAndEncodeFromTheCommandLine() throws Exception {
    Path ber = dir.resolve("req.ber");
    Files.write(ber, NeutralMapperTest.golden("yaz-illclient-request-full.ber"));
    assertEquals(0, run("tree", ber.toString()));
    String tree = out.toString(StandardCharsets.UTF_8);
    assertTrue(tree.startsWith("ILL_REQUEST"), tree);
    assertTrue(tree.contains("title: \"The Java Language Specification\""), tree);

    assertEquals(0, run("json", ber.toString()));
    Path json = dir.resolve("req.json");
    Files.writeString(json, out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.readString(json).contains("\"@type\" : \"IllRequest\""));

    Path back = dir.resolve("back.ber");
    assertEquals(0, run("encode", json.toString(), back.toString()));
    BerCodec codec = new BerCodec();
    assertEquals(codec.decode(Files.readAllBytes(ber)), codec.decode(Files.readAllBytes(back)));

    assertEquals(0, run("dump", ber.toString()));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Simon Fraser University"));
  }

  @Test
  void badInputGivesAClearMessageAndStatus() throws Exception {
    Path junk = dir.resolve("junk.ber");
    Files.write(junk, new byte[] {1, 2, 3});
    assertEquals(1, run("tree", junk.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("not a valid ISO 10161 APDU"));
    assertEquals(2, run("frobnicate"));
    Path badJson = dir.resolve("bad.json");
    Files.writeString(badJson, "{\"@type\":\"Nope\"}");
    assertEquals(1, run("encode", badJson.toString(), dir.resolve("x").toString()));
  }
}
