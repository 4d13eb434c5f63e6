package org.illbridge.iso10161;

/**
 * Transaction-Id-Problem.
 */
public enum TransactionIdProblem implements IllEnum {
  DUPLICATE_TRANSACTION_ID(1),
  INVALID_TRANSACTION_ID(2),
  UNKNOWN_TRANSACTION_ID(3);

  private final int code;

  TransactionIdProblem(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
