package org.illbridge.iso10161;

/**
 * ILL-Service-Type (also Shipped-Service-Type, restricted to LOAN and COPY_NON_RETURNABLE).
 */
public enum IllServiceType implements IllEnum {
  LOAN(1),
  COPY_NON_RETURNABLE(2),
  LOCATIONS(3),
  ESTIMATE(4),
  RESPONDER_SPECIFIC(5);

  private final int code;

  IllServiceType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
