package org.illbridge.iso10161;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The encoding (one complete TLV) of a value the codec does not interpret: EXTERNALs, ANY
 * parameters, unknown extensions. The decoder stores the DER form of what it received (the same
 * value; for the DER or definite-length BER that peers send, the same bytes), so passing it on
 * re-encodes it identically. Equality is by content.
 *
 * @param encoded the TLV bytes; copied on the way in and out
 */
public record RawBer(byte[] encoded) implements ExtensionItem {

  public RawBer {
    Objects.requireNonNull(encoded, "encoded");
    encoded = encoded.clone();
  }

  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawBer other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "RawBer[" + HexFormat.of().formatHex(encoded) + "]";
  }
}
