package org.illbridge.iso18626;

/** Public door to {@link Samples} for the benchmark package. */
public final class SamplesAccess {
  private SamplesAccess() {}

  public static Request fullRequest(Iso18626Version v) {
    return Samples.fullRequest(v);
  }
}
