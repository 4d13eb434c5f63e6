package org.illbridge.iso10161;

/**
 * General-Problem.
 */
public enum GeneralProblem implements IllEnum {
  UNRECOGNIZED_APDU(1),
  MISTYPED_APDU(2),
  BADLY_STRUCTURED_APDU(3),
  PROTOCOL_VERSION_NOT_SUPPORTED(4),
  OTHER(5);

  private final int code;

  GeneralProblem(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
