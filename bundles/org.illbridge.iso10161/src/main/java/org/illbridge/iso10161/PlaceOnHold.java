package org.illbridge.iso10161;

/**
 * Place-On-Hold-Type.
 */
public enum PlaceOnHold implements IllEnum {
  YES(1),
  NO(2),
  ACCORDING_TO_RESPONDER_POLICY(3);

  private final int code;

  PlaceOnHold(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
