package org.illbridge.api.codec;

/**
 * A message could not be decoded or encoded. Carries a protocol-neutral error kind so that the
 * transport can send the protocol-correct error reply (ISO 10161 Status-Or-Error-Report, ISO 18626
 * ErrorData) without knowing the codec.
 */
public class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why decoding failed, in terms both protocols can answer. */
  public enum Kind {
    /** Not well-formed: bad BER, not XML, truncated, too large. */
    MALFORMED,
    /** Well-formed but a required element is missing or an element is not known. */
    UNRECOGNISED_DATA_ELEMENT,
    /** A code value is not in its list. */
    UNRECOGNISED_DATA_VALUE,
    /** The message or service is not supported. */
    UNSUPPORTED_TYPE
  }

  private final Kind kind;

  public CodecException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CodecException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
