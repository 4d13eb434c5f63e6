package org.illbridge.iso10161;

import org.illbridge.api.codec.CodecException;

/**
 * A BER APDU could not be decoded or an APDU could not be encoded. The only exception the codec
 * throws for bad input. {@link #path()} names the ASN.1 component where it went wrong.
 */
public class IllCodecException extends CodecException {
  private static final long serialVersionUID = 1L;

  private final String path;

  public IllCodecException(Kind kind, String path, String message) {
    super(kind, path == null ? message : path + ": " + message);
    this.path = path;
  }

  public IllCodecException(Kind kind, String path, String message, Throwable cause) {
    super(kind, path == null ? message : path + ": " + message, cause);
    this.path = path;
  }

  /** The component path, e.g. {@code ILL-Request.item-id.title}, or null. */
  public String path() {
    return path;
  }
}
