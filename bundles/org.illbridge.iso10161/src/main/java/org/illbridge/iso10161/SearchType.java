package org.illbridge.iso10161;

/**
 * Search-Type.
 *
 * @param levelOfService [0]
 * @param needBeforeDate [1] YYYYMMDD
 * @param expiryFlag [2] DEFAULT no-expiry
 * @param expiryDate [3] YYYYMMDD
 */
public record SearchType(
    IllString levelOfService,
    String needBeforeDate,
    ExpiryFlag expiryFlag,
    String expiryDate) {

  public SearchType {
    expiryFlag = expiryFlag == null ? ExpiryFlag.NO_EXPIRY : expiryFlag;
  }
}
