package org.illbridge.iso10161;

/**
 * Reason-No-Report.
 */
public enum ReasonNoReport implements IllEnum {
  TEMPORARY(1),
  PERMANENT(2);

  private final int code;

  ReasonNoReport(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
