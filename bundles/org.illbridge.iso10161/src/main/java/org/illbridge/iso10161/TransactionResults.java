package org.illbridge.iso10161;

/**
 * Transaction-Results of an ILL-Answer.
 */
public enum TransactionResults implements IllEnum {
  CONDITIONAL(1),
  RETRY(2),
  UNFILLED(3),
  LOCATIONS_PROVIDED(4),
  WILL_SUPPLY(5),
  HOLD_PLACED(6),
  ESTIMATE(7);

  private final int code;

  TransactionResults(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
