package org.illbridge.iso10161;

/**
 * Third-Party-Info-Type.preference.
 */
public enum SendToPreference implements IllEnum {
  ORDERED(1),
  UNORDERED(2);

  private final int code;

  SendToPreference(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
