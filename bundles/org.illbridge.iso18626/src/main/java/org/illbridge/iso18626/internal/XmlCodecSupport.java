package org.illbridge.iso18626.internal;

import java.io.IOException;
import java.io.InputStream;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;

/** Entry points from the public {@code Iso18626Codec} into the package-private reader and writer. */
public final class XmlCodecSupport {

  /**
   * A message read with XSD validation.
   *
   * @param document the message as read (strict or lenient, as asked)
   * @param schemaViolation the first violation of the revision's schema, or null when valid
   */
  public record Validated(Iso18626Document document, Iso18626CodecException schemaViolation) {}

  private XmlCodecSupport() {}

  public static Iso18626Document read(byte[] wire, boolean strict, int maxBytes, int maxDepth, int maxElements)
      throws Iso18626CodecException {
    XmlNode root = new SecureXmlParser(maxBytes, maxDepth, maxElements).parse(wire);
    return new MessageReader(strict).read(root);
  }

  /**
   * Reads and validates in one pass over the bytes. When the root names no known revision (a
   * lenient read then guesses one), the bytes are validated afterwards against the guess.
   */
  public static Validated readValidated(byte[] wire, boolean strict, int maxBytes, int maxDepth, int maxElements)
      throws Iso18626CodecException {
    SecureXmlParser parser = new SecureXmlParser(maxBytes, maxDepth, maxElements).validating();
    XmlNode root = parser.parse(wire);
    Iso18626Document doc = new MessageReader(strict).read(root);
    if (parser.validatedAs() == doc.version()) {
      return new Validated(doc, parser.schemaViolation());
    }
    try {
      SchemaValidator.validate(wire, doc.version());
      return new Validated(doc, null);
    } catch (Iso18626CodecException e) {
      return new Validated(doc, e);
    }
  }

  /** Reads at most {@code maxBytes} (counted while reading), then decodes. */
  public static Iso18626Document read(InputStream in, boolean strict, int maxBytes, int maxDepth, int maxElements)
      throws Iso18626CodecException {
    byte[] wire;
    try {
      wire = LimitedInputStream.readAll(in, maxBytes);
    } catch (IOException e) {
      throw SecureXmlParser.malformed(e.getMessage(), e);
    }
    return read(wire, strict, maxBytes, maxDepth, maxElements);
  }

  public static byte[] write(Iso18626Message message, Iso18626Version version) throws Iso18626CodecException {
    return write(message, version, false);
  }

  /** Writes; with {@code validate}, the output is checked against the revision's XSD while it is written. */
  public static byte[] write(Iso18626Message message, Iso18626Version version, boolean validate)
      throws Iso18626CodecException {
    try {
      return new MessageWriter(version).write(message, validate);
    } catch (RuntimeException e) {
      throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE, "cannot write message: " + e.getMessage(), null, e);
    }
  }
}
