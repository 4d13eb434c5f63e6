package org.illbridge.iso10161;

/**
 * Report-Source.
 */
public enum ReportSource implements IllEnum {
  USER(1),
  PROVIDER(2);

  private final int code;

  ReportSource(int code) {
    this.code = code;
  }

  @Override
  public int code() {
    return code;
  }
}
