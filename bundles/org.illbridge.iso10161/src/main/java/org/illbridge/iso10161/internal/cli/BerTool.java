package org.illbridge.iso10161.internal.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.util.ASN1Dump;
import org.illbridge.api.codec.CodecException;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.RawBer;

/**
 * Command-line tool for admins debugging a partner's APDU. Prints to stdout/stderr because it is
 * a command, not bundle code; it runs outside OSGi with the bundle, BouncyCastle and Jackson on the
 * class path:
 *
 * <pre>
 *   java -cp ... org.illbridge.iso10161.internal.cli.BerTool tree   apdu.ber
 *   java -cp ... org.illbridge.iso10161.internal.cli.BerTool json   apdu.ber
 *   java -cp ... org.illbridge.iso10161.internal.cli.BerTool encode apdu.json out.ber
 *   java -cp ... org.illbridge.iso10161.internal.cli.BerTool dump   apdu.ber   (raw TLVs)
 * </pre>
 */
public final class BerTool {
  private BerTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the exit status (0 ok, 1 bad input, 2 usage). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println("usage: BerTool tree|json|dump FILE.ber  |  BerTool encode FILE.json OUT.ber");
      return 2;
    }
    BerCodec codec = new BerCodec();
    try {
      Path in = Path.of(args[1]);
      switch (args[0]) {
        case "tree" -> out.print(tree(codec.decode(Files.readAllBytes(in))));
        case "json" -> out.println(ApduJson.toJson(codec.decode(Files.readAllBytes(in))));
        case "dump" -> {
          try (ASN1InputStream a = new ASN1InputStream(Files.readAllBytes(in))) {
            out.print(ASN1Dump.dumpAsString(a.readObject(), true));
          }
        }
        case "encode" -> {
          if (args.length < 3) {
            err.println("usage: BerTool encode FILE.json OUT.ber");
            return 2;
          }
          IllApdu apdu = ApduJson.fromJson(Files.readString(in, StandardCharsets.UTF_8));
          byte[] ber = codec.encode(apdu);
          Files.write(Path.of(args[2]), ber);
          out.println(apdu.type() + ": " + ber.length + " bytes written to " + args[2]);
        }
        default -> {
          err.println("unknown command " + args[0]);
          return 2;
        }
      }
      return 0;
    } catch (CodecException e) {
      err.println("not a valid ISO 10161 APDU (" + e.kind() + "): " + e.getMessage());
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** The APDU as an indented tree of component names and values; absent components omitted. */
  public static String tree(IllApdu apdu) {
    StringBuilder sb = new StringBuilder();
    sb.append(apdu.type()).append('\n');
    node(sb, apdu, 1);
    return sb.toString();
  }

  private static void node(StringBuilder sb, Object value, int depth) {
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (v == null || (v instanceof List<?> l && l.isEmpty())) {
        continue;
      }
      line(sb, depth, c.getName(), v);
    }
  }

  private static void line(StringBuilder sb, int depth, String name, Object v) {
    sb.append("  ".repeat(depth)).append(name);
    if (v instanceof IllString s) {
      sb.append(": \"").append(s.value()).append('"')
          .append(s.form() == IllString.Form.EDIFACT ? " (EDIFACT)" : "").append('\n');
    } else if (v instanceof RawBer r) {
      sb.append(": <BER ").append(HexFormat.of().formatHex(r.encoded())).append(">\n");
    } else if (v instanceof List<?> list) {
      sb.append('\n');
      int i = 0;
      for (Object o : list) {
        line(sb, depth + 1, "[" + i++ + "]", o);
      }
    } else if (v.getClass().isRecord()) {
      sb.append(" (").append(v.getClass().getSimpleName()).append(")\n");
      node(sb, v, depth + 1);
    } else {
      sb.append(": ").append(v).append('\n');
    }
  }
}
