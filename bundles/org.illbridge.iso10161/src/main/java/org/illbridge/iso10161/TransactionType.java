package org.illbridge.iso10161;

/**
 * Transaction-Type.
 */
public enum TransactionType implements IllEnum {
  SIMPLE(1),
  CHAINED(2),
  PARTITIONED(3);

  private final int code;

  TransactionType(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
