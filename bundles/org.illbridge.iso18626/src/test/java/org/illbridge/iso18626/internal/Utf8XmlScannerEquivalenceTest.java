package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.SamplesAccess;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@link Utf8XmlScanner} against the JDK's StAX parser as the oracle (as
 * {@code BcEquivalenceTest} holds the BER reader to BouncyCastle): over every sample message of
 * both revisions, lenient variants (other prefixes, default and no namespace, comments,
 * processing instructions, CDATA, references, CR LF, byte order mark, declarations), the hostile
 * set, and thousands of seeded mutations of each (byte flips, truncations, deletions, inserted
 * markup, references, ']]>', malformed UTF-8, duplicated attributes, undeclared prefixes), both
 * must accept and build the same tree (names, namespaces, text, kept attributes, lines) or both
 * refuse. "Unsupported" (left to the JDK by design) is allowed, but must stay rare on this
 * corpus. With validation on, both must reach the same verdict against the XSD.
 */
class Utf8XmlScannerEquivalenceTest {

  private static final int MAX_DEPTH = Iso18626Codec.Options.DEFAULT_MAX_DEPTH;
  private static final int MAX_ELEMENTS = Iso18626Codec.Options.DEFAULT_MAX_ELEMENTS;
  private static final int MUTATIONS_PER_SEED = 400;

  private int accepted;
  private int refused;
  private int unsupported;
  private final java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();

  static List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    Iso18626Codec codec = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
    for (Iso18626Version v : Iso18626Version.values()) {
      for (Iso18626Message m : SamplesAccess.all(v)) {
        byte[] wire;
        try {
          wire = codec.write(m, v);
        } catch (Iso18626CodecException e) {
          throw new AssertionError(e);
        }
        seeds.add(wire);
        String xml = new String(wire, StandardCharsets.UTF_8);
        // lenient variants real peers send
        seeds.add(utf8(xml.replace("ill:", "iso:").replace("xmlns:ill", "xmlns:iso")));
        seeds.add(utf8(xml.replace("ill:version", "version").replace("ill:scheme", "scheme").replace("ill:", "")
            .replace("xmlns:ill", "xmlns")));
        seeds.add(utf8(xml.replace("ill:version", "version").replace("ill:", "").replace(" xmlns:ill=\"" + Iso18626Version.NAMESPACE + "\"", "")));
        seeds.add(utf8(xml.replace("><", ">\r\n  <").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "\uFEFF<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<!-- sent by a peer -->\n<?app hint?>")));
        seeds.add(utf8(xml.replaceFirst("<ill:([A-Za-z]+)>([^<]+)</ill:", "<ill:$1><!-- c --><![CDATA[$2 & <more>]]>&#233;&#x1F600;&lt;&amp;&gt;&quot;&apos;</ill:")
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")));
        seeds.add(utf8(xml.replaceFirst("<ill:header>", "<ill:header xmlns:x=\"urn:x\" x:note=\"a&#10;b\tc\r\nd &amp; &lt;é\" xml:lang=\"fr\">")));
        seeds.add(utf8(xml.replaceFirst("<ill:header>", "<ill:header xmlns=\"urn:vendor\"><note a='1' b=\"2\">vendor</note>")));
      }
    }
    for (String name : new String[] {"bad-utf8.bin", "doctype.xml", "truncated-header.xml"}) {
      seeds.add(resource("/org/illbridge/iso18626/ParserFuzzTestInputs/parse/" + name));
    }
    String open = "<ISO18626Message xmlns=\"http://illtransactions.org/2013/iso18626\" version=\"1.2\">";
    seeds.add(utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;\">]>" + open + "&lol1;</ISO18626Message>"));
    seeds.add(utf8(open + "&foo;</ISO18626Message>"));
    seeds.add(utf8(open + "<a>" .repeat(80) + "</a>".repeat(80) + "</ISO18626Message>"));
    seeds.add(utf8("<a><b></a>"));
    seeds.add(utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>"));
    seeds.add("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1));
    seeds.add("<a>x</a>".getBytes(StandardCharsets.UTF_16));
    seeds.add(utf8("<?xml version=\"1.1\"?><a>x</a>"));
    seeds.add(utf8("<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" q:y=\"2\"><p:b/><q:c>t</q:c></p:a>"));
    seeds.add(utf8("<a x='\"' y=\"'\" z=\"&#9;&#13;&#32;\">]] ]>]</a>"));
    return seeds;
  }

  @Test
  void scannerAndJdkAgreeOnTheCorpusAndItsMutations() throws Exception {
    List<byte[]> seeds = seeds();
    Random random = new Random(18626);
    for (byte[] seed : seeds) {
      int before = unsupported;
      compare(seed);
      if (unsupported > before) {
        noteReason(seed);
      }
      String text = new String(seed, StandardCharsets.ISO_8859_1);
      boolean otherEncoding = text.contains("ISO-8859-1") || text.contains("version=\"1.1\"") || seed[1] == 0 || seed[0] == (byte) 0xFE;
      assertTrue(otherEncoding || unsupported == before, () -> "a UTF-8 seed is left to the JDK: " + reasons + "\n" + show(seed));
      for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
        byte[] m = mutate(seed, random);
        int u = unsupported;
        compare(m);
        if (unsupported > u) {
          noteReason(m);
        }
      }
    }
    System.out.printf("scanner equivalence: %d accepted, %d refused, %d left to the JDK%n", accepted, refused, unsupported);
    System.out.println("left to the JDK: " + reasons);
    assertTrue(accepted > 1000, "too few accepted mutations to say anything: " + accepted);
    assertTrue(refused > 1000, "too few refused mutations to say anything: " + refused);
    // Left to the JDK here: mostly mutations that put non-ASCII bytes into names, and the seeds
    // in other encodings or XML 1.1 (by design); never an unmutated UTF-8 seed (below).
    assertTrue(unsupported < (accepted + refused + unsupported) / 10, "the scanner leaves too much to the JDK: " + unsupported);
  }

  @Test
  void validatingScannerReachesTheJdkVerdict() throws Exception {
    Random random = new Random(2021);
    int compared = 0;
    int invalid = 0;
    for (byte[] seed : seeds()) {
      for (int i = 0; i < 60; i++) {
        byte[] wire = i == 0 ? seed : mutate(seed, random);
        SecureXmlParser jdk = new SecureXmlParser(1 << 20, MAX_DEPTH, MAX_ELEMENTS).validating();
        XmlNode jdkTree;
        try {
          jdkTree = jdk.parseWithJdk(wire);
        } catch (Iso18626CodecException e) {
          continue;
        }
        Utf8XmlScanner scanner = new Utf8XmlScanner(wire, MAX_DEPTH, MAX_ELEMENTS, true);
        XmlNode tree;
        try {
          tree = scanner.scan();
        } catch (Utf8XmlScanner.Refusal r) {
          assertTrue(r.unsupported, () -> "scanner refused what the JDK accepts: " + r.getMessage() + "\n" + show(wire));
          continue;
        }
        assertTree(jdkTree, tree, wire);
        assertEquals(jdk.validatedAs(), scanner.validatedAs(), () -> show(wire));
        assertEquals(jdk.schemaViolation() == null, scanner.schemaViolation() == null,
            () -> "JDK: " + jdk.schemaViolation() + "\nscanner: " + scanner.schemaViolation() + "\n" + show(wire));
        if (jdk.schemaViolation() != null) {
          invalid++;
          assertEquals(jdk.schemaViolation().errorType(), scanner.schemaViolation().errorType(), () -> show(wire));
        }
        compared++;
      }
    }
    assertTrue(compared > 300, "compared " + compared);
    assertTrue(invalid > 30, "too few schema violations among the mutations: " + invalid);
  }

  private void compare(byte[] wire) {
    switch (assertSameVerdict(wire)) {
      case ACCEPTED -> accepted++;
      case REFUSED -> refused++;
      case UNSUPPORTED -> unsupported++;
    }
  }

  private void noteReason(byte[] wire) {
    try {
      new Utf8XmlScanner(wire, MAX_DEPTH, MAX_ELEMENTS, false).scan();
    } catch (Utf8XmlScanner.Refusal r) {
      reasons.merge(r.getMessage().replaceAll(" \\(byte \\d+\\)", "").replaceAll("encoding .*", "encoding (other)"), 1, Integer::sum);
    } catch (Iso18626CodecException e) {
      // not a reason to note
    }
  }

  enum Verdict { ACCEPTED, REFUSED, UNSUPPORTED }

  /**
   * Reads {@code wire} with both parsers; fails unless both accept with the same tree or both
   * refuse (or the scanner leaves the input to the JDK). Also the Jazzer target's check.
   */
  static Verdict assertSameVerdict(byte[] wire) {
    XmlNode expected = null;
    Iso18626CodecException jdkError = null;
    try {
      expected = new SecureXmlParser(1 << 20, MAX_DEPTH, MAX_ELEMENTS).parseWithJdk(wire);
    } catch (Iso18626CodecException e) {
      jdkError = e;
    }
    XmlNode actual;
    try {
      actual = new Utf8XmlScanner(wire, MAX_DEPTH, MAX_ELEMENTS, false).scan();
    } catch (Utf8XmlScanner.Refusal r) {
      if (r.unsupported) {
        return Verdict.UNSUPPORTED;
      }
      XmlNode accepted = expected;
      assertNotNull(jdkError, () -> "the scanner refused (" + r.getMessage() + ") what the JDK accepts ("
          + accepted + "):\n" + show(wire));
      return Verdict.REFUSED;
    } catch (Iso18626CodecException e) {
      assertNotNull(jdkError, () -> "the scanner refused (" + e.getMessage() + ") what the JDK accepts:\n" + show(wire));
      return Verdict.REFUSED;
    }
    Iso18626CodecException j = jdkError;
    assertNull(jdkError, () -> "the scanner accepted what the JDK refuses (" + j.getMessage() + "):\n" + show(wire));
    assertTree(expected, actual, wire);
    return Verdict.ACCEPTED;
  }

  private static void assertTree(XmlNode expected, XmlNode actual, byte[] wire) {
    String where = expected + " in\n" + show(wire);
    assertEquals(expected.name, actual.name, where);
    assertEquals(Objects.toString(expected.namespace, ""), Objects.toString(actual.namespace, ""), where);
    assertEquals(expected.text(), actual.text(), where);
    assertEquals(expected.scheme, actual.scheme, where);
    assertEquals(expected.version, actual.version, where);
    assertEquals(expected.line(), actual.line(), where);
    assertEquals(expected.children.size(), actual.children.size(), where);
    for (int i = 0; i < expected.children.size(); i++) {
      assertTree(expected.children.get(i), actual.children.get(i), wire);
    }
  }

  private static final String[] INSERTS = {"<", ">", "&", ";", "]]>", "]]", "&amp;", "&lt", "&#0;", "&#9;", "&#x10FFFF;",
      "&#x110000;", "&#xD800;", "&#xFFFE;", "&#65;", "&#x;", "&foo;", "<!-- x -->", "<!-- a -- b -->", "<!--->",
      "<![CDATA[x<&]]>", "<![CDATA[", "<?pi data?>", "<?xml version='1.0'?>", "<?XmL x?>", "<!DOCTYPE x>", "\r\n", "\r",
      " a=\"1\"", " a='1' a='2'", " xmlns:q=\"urn:q\"", " q:x=\"1\"", " xmlns:q=\"\"", " xmlns=\"\"", " xml:lang=\"en\"",
      " xmlns:xml=\"urn:x\"", "</x>", "<x>", "<x/>", "<zz:x/>", "<:x/>", "<a:b:c/>", "<1x/>", "=", "\"", "'", "\u0000",
      "\u0001", "\u007f", "\u0085", "\u00e9", "\u20ac", "\uD83D\uDE00", "\uFFFD", " ", "\t", "/", "?", "!", "-"};

  private static final byte[][] BAD_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFE}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE},
      {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};

  private static final byte[] INTERESTING = utf8("<>&;\"'/=:]!?- \r\n\tx1");

  static byte[] mutate(byte[] seed, Random r) {
    byte[] out = seed.clone();
    if (seed.length == 0) {
      return utf8(INSERTS[r.nextInt(INSERTS.length)]);
    }
    int at = r.nextInt(seed.length);
    switch (r.nextInt(9)) {
      case 0 -> out[at] = INTERESTING[r.nextInt(INTERESTING.length)];
      case 1 -> out[at] = (byte) r.nextInt(256);
      case 2 -> out = java.util.Arrays.copyOf(seed, at);
      case 3 -> out = insert(seed, at, utf8(INSERTS[r.nextInt(INSERTS.length)]));
      case 4 -> out = insert(seed, at, BAD_UTF8[r.nextInt(BAD_UTF8.length)]);
      case 5 -> {
        int len = Math.min(seed.length - at, 1 + r.nextInt(12));
        out = new byte[seed.length - len];
        System.arraycopy(seed, 0, out, 0, at);
        System.arraycopy(seed, at + len, out, at, seed.length - at - len);
      }
      case 6 -> {
        // duplicate an attribute inside its own tag
        String s = new String(seed, StandardCharsets.ISO_8859_1);
        int eq = s.indexOf("=\"", at);
        int sp = eq < 0 ? -1 : s.lastIndexOf(' ', eq);
        int q = eq < 0 ? -1 : s.indexOf('"', eq + 2);
        if (sp < 0 || q < 0) {
          out = insert(seed, at, utf8(" a='1' a='2'"));
        } else {
          out = insert(seed, q + 1, java.util.Arrays.copyOfRange(seed, sp, q + 1));
        }
      }
      case 7 -> {
        // an undeclared or changed prefix at one tag
        String s = new String(seed, StandardCharsets.ISO_8859_1);
        int lt = s.indexOf('<', at);
        if (lt < 0 || lt + 2 >= s.length()) {
          out = insert(seed, at, utf8("<zz:a/>"));
        } else {
          int nameAt = s.charAt(lt + 1) == '/' ? lt + 2 : lt + 1;
          out = insert(seed, nameAt, utf8(r.nextBoolean() ? "zz:" : "x"));
        }
      }
      default -> {
        // a run of bytes copied elsewhere
        int len = Math.min(seed.length - at, 1 + r.nextInt(40));
        out = insert(seed, r.nextInt(seed.length), java.util.Arrays.copyOfRange(seed, at, at + len));
      }
    }
    if (r.nextInt(4) == 0 && out.length > 0) {
      return mutate(out, r);
    }
    return out;
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Utf8XmlScannerEquivalenceTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static String show(byte[] wire) {
    String s = new String(wire, StandardCharsets.UTF_8);
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }
}
