package org.illbridge.iso10161;

/**
 * Item-Id.item-type.
 */
public enum ItemType implements IllEnum {
  MONOGRAPH(1),
  SERIAL(2),
  OTHER(3);

  private final int code;

  ItemType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
