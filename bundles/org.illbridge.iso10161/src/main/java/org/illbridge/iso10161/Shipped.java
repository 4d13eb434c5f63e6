package org.illbridge.iso10161;

import java.util.List;

/**
 * Shipped ([APPLICATION 3]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param responderAddress [24]
 * @param intermediaryId [25]
 * @param supplierId [26]
 * @param clientId [15]
 * @param transactionType [5] DEFAULT simple
 * @param supplementalItemDescription [17]
 * @param shippedServiceType [27]
 * @param responderOptionalMessages [28]
 * @param supplyDetails [29]
 * @param returnToAddress [30]
 * @param responderNote [46]
 * @param extensions [49]
 */
public record Shipped(
    ApduHeader header,
    SystemAddress responderAddress,
    SystemId intermediaryId,
    SystemId supplierId,
    ClientId clientId,
    TransactionType transactionType,
    List<RawBer> supplementalItemDescription,
    IllServiceType shippedServiceType,
    ResponderOptionalMessages responderOptionalMessages,
    SupplyDetails supplyDetails,
    PostalAddress returnToAddress,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public Shipped {
    transactionType = transactionType == null ? TransactionType.SIMPLE : transactionType;
    supplementalItemDescription = supplementalItemDescription == null ? List.of() : List.copyOf(supplementalItemDescription);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.SHIPPED;
  }
}
