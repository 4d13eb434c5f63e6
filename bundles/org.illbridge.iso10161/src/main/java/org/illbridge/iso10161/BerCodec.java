package org.illbridge.iso10161;

import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.internal.ApduDecoder;
import org.illbridge.iso10161.internal.ApduEncoder;
import org.illbridge.iso10161.internal.BerFramer;

/**
 * BER codec for ISO 10161 APDUs. Decoding accepts any BER (definite and indefinite lengths,
 * explicitly encoded DEFAULT values, components in any order); encoding writes DER. Thread-safe
 * and stateless apart from its size limit.
 */
public final class BerCodec {

  /** Default largest APDU accepted: 1 MiB. */
  public static final int DEFAULT_MAX_APDU_SIZE = 1 << 20;

  private final int maxApduSize;

  /** A codec with the default 1 MiB limit. */
  public BerCodec() {
    this(DEFAULT_MAX_APDU_SIZE);
  }

  /** A codec refusing APDUs larger than {@code maxApduSize} bytes. */
  public BerCodec(int maxApduSize) {
    if (maxApduSize < 16) {
      throw new IllegalArgumentException("maxApduSize too small: " + maxApduSize);
    }
    this.maxApduSize = maxApduSize;
  }

  public int maxApduSize() {
    return maxApduSize;
  }

  /**
   * Decodes exactly one APDU.
   *
   * @throws IllCodecException for anything that is not one well-formed ILL-APDU within the limit
   */
  public IllApdu decode(byte[] ber) throws IllCodecException {
    return ApduDecoder.decode(ber, maxApduSize);
  }

  /** Encodes an APDU as DER. */
  public byte[] encode(IllApdu apdu) throws IllCodecException {
    byte[] out = ApduEncoder.encode(apdu);
    if (out.length > maxApduSize) {
      throw new IllCodecException(Kind.MALFORMED, apdu.type().name(),
          "encoded APDU of " + out.length + " bytes exceeds the limit of " + maxApduSize);
    }
    return out;
  }

  /**
   * Length of the complete BER value at the start of {@code buf[0, len)}, or -1 if more bytes are
   * needed; for stream framing (TCP). Checks the limit on the header before any content arrives.
   */
  public int frameLength(byte[] buf, int len) throws IllCodecException {
    return BerFramer.frameLength(buf, 0, len, maxApduSize);
  }
}
