package org.illbridge.iso10161;

/**
 * APDU-Encoding of the APDU-Delivery-Info extension.
 */
public enum ApduEncoding implements IllEnum {
  EDIFACT(1),
  BER_IN_MIME(2),
  BER(3);

  private final int code;

  ApduEncoding(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
