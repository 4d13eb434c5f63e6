package org.illbridge.iso18626;

import org.illbridge.api.codec.CodecException;

/**
 * A message could not be read or written. Carries the ISO 18626 {@link ErrorType} to put in the
 * confirmation's ErrorData and, when the reader got that far, the name of the message element
 * ("request", "supplyingAgencyMessage"...) so that the right kind of confirmation is sent.
 */
public class Iso18626CodecException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final ErrorType errorType;
  private final String messageElement;

  public Iso18626CodecException(ErrorType errorType, String message, String messageElement, Throwable cause) {
    super(kindOf(errorType), message, cause);
    this.errorType = errorType;
    this.messageElement = messageElement;
  }

  public Iso18626CodecException(ErrorType errorType, String message) {
    this(errorType, message, null, null);
  }

  /** The ErrorType for the confirmation. */
  public ErrorType errorType() {
    return errorType;
  }

  /** Local name of the message element under the root, or null when unknown. */
  public String messageElement() {
    return messageElement;
  }

  /** The same failure, now knowing which message element it was in. */
  public Iso18626CodecException withMessageElement(String element) {
    Iso18626CodecException e = new Iso18626CodecException(errorType, getMessage(), element, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** Maps a neutral codec failure to the ErrorType to answer with. */
  public static ErrorType errorTypeOf(CodecException.Kind kind) {
    return switch (kind) {
      case MALFORMED -> ErrorType.BADLY_FORMED_MESSAGE;
      case UNRECOGNISED_DATA_ELEMENT -> ErrorType.UNRECOGNISED_DATA_ELEMENT;
      case UNRECOGNISED_DATA_VALUE -> ErrorType.UNRECOGNISED_DATA_VALUE;
      case UNSUPPORTED_TYPE -> ErrorType.UNSUPPORTED_ACTION_TYPE;
    };
  }

  private static CodecException.Kind kindOf(ErrorType type) {
    return switch (type) {
      case BADLY_FORMED_MESSAGE -> Kind.MALFORMED;
      case UNRECOGNISED_DATA_ELEMENT -> Kind.UNRECOGNISED_DATA_ELEMENT;
      case UNRECOGNISED_DATA_VALUE -> Kind.UNRECOGNISED_DATA_VALUE;
      case UNSUPPORTED_ACTION_TYPE, UNSUPPORTED_REASON_FOR_MESSAGE_TYPE -> Kind.UNSUPPORTED_TYPE;
    };
  }
}
