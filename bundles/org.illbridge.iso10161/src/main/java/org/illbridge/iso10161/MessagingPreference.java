package org.illbridge.iso10161;

/**
 * requires / desires / neither in the optional-messages types.
 */
public enum MessagingPreference implements IllEnum {
  REQUIRES(1),
  DESIRES(2),
  NEITHER(3);

  private final int code;

  MessagingPreference(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
