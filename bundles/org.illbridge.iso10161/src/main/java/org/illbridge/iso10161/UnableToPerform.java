package org.illbridge.iso10161;

/**
 * Unable-To-Perform.
 */
public enum UnableToPerform implements IllEnum {
  NOT_AVAILABLE(1),
  RESOURCE_LIMITATION(2),
  OTHER(3);

  private final int code;

  UnableToPerform(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
