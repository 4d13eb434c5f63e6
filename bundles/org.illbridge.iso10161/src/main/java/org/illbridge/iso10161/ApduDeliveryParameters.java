package org.illbridge.iso10161;

import java.util.List;

/**
 * APDU-Delivery-Parameters.
 *
 * @param encoding [0] in preferred order
 * @param transport [1]
 * @param aliases [2]
 */
public record ApduDeliveryParameters(
    List<ApduEncoding> encoding,
    SystemAddress transport,
    List<SystemId> aliases) {

  public ApduDeliveryParameters {
    encoding = encoding == null ? List.of() : List.copyOf(encoding);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }
}
