package org.illbridge.console.internal.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1Util;

/**
 * The raw BER of an ISO 10161 APDU as a tree of tags and values, for the "raw" view. The parsing
 * is Bouncy Castle's ASN.1 reader (already in the distribution for the protocol bundles); only the
 * HTML is written here. Context tags are shown as numbers: the APDU's field names are the
 * codec's business, and its decoded form is shown on the timeline.
 */
final class BerTree {
  static final int MAX_NODES = 5000;

  private BerTree() {}

  /** An HTML list of the APDU's elements, or a clear message when the bytes are not BER. */
  static String render(byte[] ber, Texts texts) {
    if (ber == null || ber.length == 0) {
      return "<p>" + Html.esc(texts.get("raw.empty")) + "</p>";
    }
    StringBuilder html = new StringBuilder("<ul class='ber' id='ber-tree'>");
    int[] budget = {MAX_NODES};
    try (ASN1InputStream in = new ASN1InputStream(ber)) {
      ASN1Primitive p;
      while ((p = in.readObject()) != null) {
        node(html, p, budget);
      }
    } catch (IOException | RuntimeException e) {
      html.append("<li class='illbridge-error'>").append(Html.esc(texts.get("raw.notBer", e.getMessage()))).append("</li>");
    }
    if (budget[0] < 0) {
      html.append("<li>").append(Html.esc(texts.get("raw.truncated", MAX_NODES))).append("</li>");
    }
    return html.append("</ul>").toString();
  }

  private static void node(StringBuilder html, ASN1Encodable e, int[] budget) {
    if (--budget[0] < 0) {
      return;
    }
    ASN1Primitive p = e.toASN1Primitive();
    html.append("<li>");
    if (p instanceof ASN1TaggedObject t) {
      html.append(Html.esc(ASN1Util.getTagText(t))).append("<ul>");
      ASN1Primitive base = t.getBaseObject().toASN1Primitive();
      if (base instanceof ASN1Sequence seq && !t.isExplicit()) {
        for (ASN1Encodable child : seq) {
          node(html, child, budget);
        }
      } else {
        node(html, base, budget);
      }
      html.append("</ul>");
    } else if (p instanceof ASN1Sequence seq) {
      html.append("SEQUENCE (").append(seq.size()).append(")<ul>");
      for (ASN1Encodable child : seq) {
        node(html, child, budget);
      }
      html.append("</ul>");
    } else if (p instanceof ASN1Set set) {
      html.append("SET (").append(set.size()).append(")<ul>");
      for (ASN1Encodable child : set) {
        node(html, child, budget);
      }
      html.append("</ul>");
    } else {
      html.append(Html.esc(primitive(p)));
    }
    html.append("</li>");
  }

  static String primitive(ASN1Primitive p) {
    if (p instanceof ASN1Integer i) {
      return "INTEGER " + i.getValue();
    }
    if (p instanceof ASN1Enumerated en) {
      return "ENUMERATED " + en.getValue();
    }
    if (p instanceof ASN1Boolean b) {
      return "BOOLEAN " + b.isTrue();
    }
    if (p instanceof ASN1Null) {
      return "NULL";
    }
    if (p instanceof ASN1ObjectIdentifier oid) {
      return "OBJECT IDENTIFIER " + oid.getId();
    }
    if (p instanceof ASN1String s) {
      return p.getClass().getSimpleName().replaceFirst("^(DER|DL|BER|ASN1)", "") + " \"" + s.getString() + "\"";
    }
    if (p instanceof ASN1OctetString o) {
      byte[] v = o.getOctets();
      return "OCTET STRING (" + v.length + ") " + (printable(v) ? "\"" + new String(v, StandardCharsets.ISO_8859_1) + "\""
          : HexFormat.of().formatHex(v, 0, Math.min(v.length, 64)) + (v.length > 64 ? "…" : ""));
    }
    return p.getClass().getSimpleName() + " " + p;
  }

  private static boolean printable(byte[] v) {
    for (byte b : v) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return v.length > 0;
  }

  /** Classic 16-bytes-a-line hex dump with offsets and the printable characters. */
  static String hexDump(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    HexFormat hex = HexFormat.of();
    for (int off = 0; off < bytes.length; off += 16) {
      int end = Math.min(off + 16, bytes.length);
      s.append(String.format("%06x  ", off));
      for (int i = off; i < off + 16; i++) {
        s.append(i < end ? hex.toHexDigits(bytes[i]) + " " : "   ");
      }
      s.append(' ');
      for (int i = off; i < end; i++) {
        char c = (char) (bytes[i] & 0xff);
        s.append(c >= 0x20 && c < 0x7f ? c : '.');
      }
      s.append('\n');
    }
    return s.toString();
  }

}
