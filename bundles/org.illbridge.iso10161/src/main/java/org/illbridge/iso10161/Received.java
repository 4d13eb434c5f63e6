package org.illbridge.iso10161;

import java.util.List;

/**
 * Received ([APPLICATION 8]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param supplierId [26]
 * @param supplementalItemDescription [17]
 * @param dateReceived [36]
 * @param shippedServiceType [27]
 * @param requesterNote [46]
 * @param extensions [49]
 */
public record Received(
    ApduHeader header,
    SystemId supplierId,
    List<RawBer> supplementalItemDescription,
    String dateReceived,
    IllServiceType shippedServiceType,
    IllString requesterNote,
    List<Extension> extensions) implements IllApdu {

  public Received {
    supplementalItemDescription = supplementalItemDescription == null ? List.of() : List.copyOf(supplementalItemDescription);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.RECEIVED;
  }
}
