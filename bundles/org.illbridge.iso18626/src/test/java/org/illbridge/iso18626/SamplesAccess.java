package org.illbridge.iso18626;

/** Public door to {@link Samples} for the benchmark and internal test packages. */
public final class SamplesAccess {
  private SamplesAccess() {}

  public static Request fullRequest(Iso18626Version v) {
    return Samples.fullRequest(v);
  }

  /** Every message kind, fully populated (the corpus of the scanner's equivalence test). */
  public static java.util.List<Iso18626Message> all(Iso18626Version v) {
    return Samples.all(v);
  }
}
