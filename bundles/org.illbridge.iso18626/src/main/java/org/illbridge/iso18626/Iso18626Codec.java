package org.illbridge.iso18626;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.iso18626.internal.LimitedInputStream;
import org.illbridge.iso18626.internal.SchemaValidator;
import org.illbridge.iso18626.internal.XmlCodecSupport;

/**
 * Reads and writes ISO 18626 messages (2017 v1.2 and 2021). Thread-safe and cheap to share.
 *
 * <p>Reading is hardened for untrusted input: no DTD, no entities, bounded body size, nesting
 * depth and element count. The revision is taken from the root's {@code version} attribute.
 * With {@link Options#validate()} a message read is also checked against the bundled XSD of that
 * revision, in the same pass as it is read; in lenient mode a schema violation becomes a warning
 * instead of an error. Writing refuses, with or without validation, what the schema would refuse
 * (missing required elements, 2021-only codes in a 2017 message, values outside their type), so
 * the output is schema-valid without an XSD pass; {@link Options#validateOutbound()} adds that
 * pass as a second check.
 */
public final class Iso18626Codec {

  /**
   * How to read.
   *
   * @param strict refuse any deviation from the schema (true) or normalise it with a warning
   * @param validate also validate messages read against the bundled XSD
   * @param validateOutbound also validate messages written against the bundled XSD (a second
   *     check: the writer already refuses what the schema would refuse, which
   *     {@code WriterOutputIsValidTest} holds to the validator)
   * @param maxBytes largest body accepted, counted while reading
   * @param maxDepth deepest element nesting accepted (the schema itself needs 7)
   * @param maxElements most elements accepted in one message
   */
  public record Options(boolean strict, boolean validate, boolean validateOutbound, int maxBytes, int maxDepth,
      int maxElements) {
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_ELEMENTS = 20_000;

    public Options {
      if (maxBytes <= 0 || maxDepth <= 0 || maxElements <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    /** Without a separate outbound setting: messages written are not validated (API 1.0 form). */
    public Options(boolean strict, boolean validate, int maxBytes, int maxDepth, int maxElements) {
      this(strict, validate, false, maxBytes, maxDepth, maxElements);
    }

    /** Strict, no XSD validation, default limits. */
    public static Options strictDefaults() {
      return new Options(true, false, false, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
    }

    /** Lenient, no XSD validation, default limits. */
    public static Options lenientDefaults() {
      return new Options(false, false, false, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
    }

    public Options withStrict(boolean s) {
      return new Options(s, validate, validateOutbound, maxBytes, maxDepth, maxElements);
    }

    /** Validation of messages read. */
    public Options withValidate(boolean v) {
      return new Options(strict, v, validateOutbound, maxBytes, maxDepth, maxElements);
    }

    /** Validation of messages written (a second check, see {@link #validateOutbound()}). */
    public Options withValidateOutbound(boolean v) {
      return new Options(strict, validate, v, maxBytes, maxDepth, maxElements);
    }

    public Options withMaxBytes(int m) {
      return new Options(strict, validate, validateOutbound, m, maxDepth, maxElements);
    }
  }

  private final Options options;

  public Iso18626Codec(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /** Decodes one message. */
  public Iso18626Document read(byte[] wire) throws Iso18626CodecException {
    if (!options.validate()) {
      return XmlCodecSupport.read(wire, options.strict(), options.maxBytes(), options.maxDepth(), options.maxElements());
    }
    XmlCodecSupport.Validated v = XmlCodecSupport.readValidated(wire, options.strict(), options.maxBytes(),
        options.maxDepth(), options.maxElements());
    return v.schemaViolation() == null ? v.document() : invalid(v.document(), v.schemaViolation());
  }

  /** Reads at most {@link Options#maxBytes()} from the stream, then decodes. */
  public Iso18626Document read(InputStream in) throws Iso18626CodecException {
    byte[] wire;
    try {
      wire = LimitedInputStream.readAll(in, options.maxBytes());
    } catch (IOException e) {
      throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE, e.getMessage(), null, e);
    }
    return read(wire);
  }

  /** Strict: the schema violation is the error. Lenient: it becomes a warning on the message. */
  private Iso18626Document invalid(Iso18626Document doc, Iso18626CodecException e) throws Iso18626CodecException {
    if (options.strict()) {
      throw e.withMessageElement(elementName(doc.message()));
    }
    List<String> warnings = new ArrayList<>(doc.warnings());
    warnings.add("not valid against the " + doc.version().versionAttribute() + " schema: " + e.getMessage());
    return new Iso18626Document(doc.version(), doc.message(), warnings);
  }

  /** Encodes one message for the given schema revision. */
  public byte[] write(Iso18626Message message, Iso18626Version version) throws Iso18626CodecException {
    return XmlCodecSupport.write(message, version, options.validateOutbound());
  }

  /** Validates bytes against the bundled schema of {@code version}. */
  public static void validate(byte[] wire, Iso18626Version version) throws Iso18626CodecException {
    SchemaValidator.validate(wire, version);
  }

  /** The local element name of a message ("request", "supplyingAgencyMessage", ...). */
  public static String elementName(Iso18626Message message) {
    if (message instanceof Request) {
      return "request";
    } else if (message instanceof RequestConfirmation) {
      return "requestConfirmation";
    } else if (message instanceof SupplyingAgencyMessage) {
      return "supplyingAgencyMessage";
    } else if (message instanceof SupplyingAgencyMessageConfirmation) {
      return "supplyingAgencyMessageConfirmation";
    } else if (message instanceof RequestingAgencyMessage) {
      return "requestingAgencyMessage";
    }
    return "requestingAgencyMessageConfirmation";
  }
}
