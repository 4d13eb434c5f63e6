package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile inputs: each must end in a BadlyFormedMessage codec exception, quickly and without exhausting memory. */
class HostileInputTest {

  private final Iso18626Codec codec = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults().withValidate(true));

  private void assertBadlyFormed(byte[] input, String expectedFragment) {
    Iso18626CodecException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(Iso18626CodecException.class, () -> codec.read(input)));
    assertEquals(ErrorType.BADLY_FORMED_MESSAGE, e.errorType(), e.getMessage());
    if (expectedFragment != null) {
      assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      sb.append("\">\n");
    }
    sb.append("]>\n<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\">&lol9;</ISO18626Message>");
    assertBadlyFormed(Samples.utf8(sb.toString()), "DOCTYPE");
  }

  @Test
  void externalEntityIsNotResolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" version=\"1.2\">&xxe;</ISO18626Message>";
    Iso18626CodecException e = assertThrows(Iso18626CodecException.class, () -> codec.read(Samples.utf8(xxe)));
    assertEquals(ErrorType.BADLY_FORMED_MESSAGE, e.errorType());
    assertFalse(e.getMessage().contains("TOP-SECRET"));
    String passwd = xxe.replace(secret.toUri().toString(), "file:///etc/passwd");
    Iso18626CodecException e2 = assertThrows(Iso18626CodecException.class, () -> codec.read(Samples.utf8(passwd)));
    assertFalse(e2.getMessage().contains("root:"));
  }

  @Test
  void undeclaredEntityWithoutDoctypeIsRefused() {
    assertBadlyFormed(Samples.utf8("<ISO18626Message version=\"1.2\">&foo;</ISO18626Message>"), null);
  }

  @Test
  void oversizedBodyIsRefusedWhileStreaming() {
    // An endless stream: the limit must stop reading, not memory.
    InputStream endless = new InputStream() {
      long n;

      @Override
      public int read() {
        n++;
        return n == 1 ? '<' : 'a';
      }
    };
    Iso18626CodecException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> assertThrows(Iso18626CodecException.class, () -> codec.read(endless)));
    assertEquals(ErrorType.BADLY_FORMED_MESSAGE, e.errorType());
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
    byte[] big = new byte[Iso18626Codec.Options.DEFAULT_MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertBadlyFormed(big, "limit");
  }

  @Test
  void deepNestingIsRefused() {
    StringBuilder sb = new StringBuilder("<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" version=\"1.2\">");
    for (int i = 0; i < 10_000; i++) {
      sb.append("<a>");
    }
    for (int i = 0; i < 10_000; i++) {
      sb.append("</a>");
    }
    sb.append("</ISO18626Message>");
    assertBadlyFormed(Samples.utf8(sb.toString()), "deeper");
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] prefix = Samples.utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ISO18626Message version=\"1.2\">");
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
    byte[] suffix = Samples.utf8("</ISO18626Message>");
    byte[] all = new byte[prefix.length + bad.length + suffix.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(bad, 0, all, prefix.length, bad.length);
    System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);
    assertBadlyFormed(all, null);
  }

  @Test
  void garbageAndEmptyInputAreRefused() {
    assertBadlyFormed(new byte[0], null);
    assertBadlyFormed(Samples.utf8("not xml at all"), null);
    assertBadlyFormed(Samples.utf8("<a><b></a>"), null);
    assertBadlyFormed(Samples.utf8("<Other xmlns=\"urn:x\"/>"), null);
  }

  @Test
  void tooManyElementsAreRefused() {
    StringBuilder sb = new StringBuilder("<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" version=\"1.2\">");
    for (int i = 0; i < 30_000; i++) {
      sb.append("<x/>");
    }
    sb.append("</ISO18626Message>");
    assertBadlyFormed(Samples.utf8(sb.toString()), "elements");
  }

  @Test
  void aFloodOfAttributesIsRefusedWithoutQuadraticWork() {
    // 1 MiB of a0="" a1="" ... on one element: the duplicate check once took 19 s of CPU on it
    StringBuilder sb = new StringBuilder("<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" version=\"1.2\"><request");
    for (int i = 0; sb.length() < 1_000_000; i++) {
      sb.append(" a").append(i).append("=\"\"");
    }
    sb.append("/></ISO18626Message>");
    long cpu = cpuNanos();
    assertBadlyFormed(Samples.utf8(sb.toString()), "attributes");
    assertTrue(cpuNanos() - cpu < 5_000_000_000L, "bounded work, not a hang");
  }

  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  @Test
  void streamReadUsesTheSameLimits() {
    assertThrows(Iso18626CodecException.class,
        () -> codec.read(new ByteArrayInputStream(Samples.utf8("<!DOCTYPE x><x/>"))));
  }
}
