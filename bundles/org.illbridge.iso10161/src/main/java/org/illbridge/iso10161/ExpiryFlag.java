package org.illbridge.iso10161;

/**
 * Search-Type.expiry-flag.
 */
public enum ExpiryFlag implements IllEnum {
  NEED_BEFORE_DATE(1),
  OTHER_DATE(2),
  NO_EXPIRY(3);

  private final int code;

  ExpiryFlag(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
