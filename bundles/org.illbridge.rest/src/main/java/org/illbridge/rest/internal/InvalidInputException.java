package org.illbridge.rest.internal;

/**
 * JSON input that is not what the REST API or the REST codec accepts. The message names the field
 * (a JSON-pointer-like path such as {@code item.title}) and what is wrong, for the client.
 */
final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** Not JSON, or not the expected JSON structure at all. */
    MALFORMED,
    /** A field this version of the API does not know. */
    UNKNOWN_FIELD,
    /** A required field is absent or empty. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or a value outside its list or format. */
    BAD_VALUE
  }

  private final Kind kind;
  private final String field;

  InvalidInputException(Kind kind, String field, String message) {
    super(field == null || field.isEmpty() ? message : field + ": " + message);
    this.kind = kind;
    this.field = field;
  }

  Kind kind() {
    return kind;
  }

  /** The offending field's path, or null for the document as a whole. */
  String field() {
    return field;
  }
}
