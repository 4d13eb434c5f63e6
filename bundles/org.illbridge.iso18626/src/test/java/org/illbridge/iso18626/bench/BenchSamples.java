package org.illbridge.iso18626.bench;

import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.Request;

/** Exposes the test samples (package-private in the codec package) to the benchmark. */
public final class BenchSamples {
  private BenchSamples() {}

  public static Request fullRequest(Iso18626Version v) {
    return org.illbridge.iso18626.SamplesAccess.fullRequest(v);
  }
}
