package org.illbridge.iso10161;

import java.util.List;

/**
 * ILL-Request ([APPLICATION 1]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param transactionType [5] DEFAULT simple
 * @param deliveryAddress [6]
 * @param deliveryService [7]/[50]
 * @param billingAddress [8]
 * @param serviceTypes [9] in order of preference
 * @param responderSpecificService [10] EXTERNAL
 * @param requesterOptionalMessages [11]
 * @param searchType [12]
 * @param supplyMediumInfo [13]
 * @param placeOnHold [14] DEFAULT according-to-responder-policy
 * @param clientId [15]
 * @param itemId [16]
 * @param supplementalItemDescription [17] SEQUENCE OF EXTERNAL
 * @param costInfo [18]
 * @param copyrightCompliance [19]
 * @param thirdPartyInfo [20]
 * @param retryFlag [21]
 * @param forwardFlag [22]
 * @param requesterNote [46]
 * @param forwardNote [47]
 * @param extensions [49]
 */
public record IllRequest(
    ApduHeader header,
    TransactionType transactionType,
    DeliveryAddress deliveryAddress,
    DeliveryService deliveryService,
    DeliveryAddress billingAddress,
    List<IllServiceType> serviceTypes,
    RawBer responderSpecificService,
    RequesterOptionalMessages requesterOptionalMessages,
    SearchType searchType,
    List<SupplyMediumInfo> supplyMediumInfo,
    PlaceOnHold placeOnHold,
    ClientId clientId,
    ItemId itemId,
    List<RawBer> supplementalItemDescription,
    CostInfoType costInfo,
    IllString copyrightCompliance,
    ThirdPartyInfo thirdPartyInfo,
    boolean retryFlag,
    boolean forwardFlag,
    IllString requesterNote,
    IllString forwardNote,
    List<Extension> extensions) implements IllApdu {

  public IllRequest {
    transactionType = transactionType == null ? TransactionType.SIMPLE : transactionType;
    serviceTypes = serviceTypes == null ? List.of() : List.copyOf(serviceTypes);
    supplyMediumInfo = supplyMediumInfo == null ? List.of() : List.copyOf(supplyMediumInfo);
    placeOnHold = placeOnHold == null ? PlaceOnHold.ACCORDING_TO_RESPONDER_POLICY : placeOnHold;
    supplementalItemDescription = supplementalItemDescription == null ? List.of() : List.copyOf(supplementalItemDescription);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.ILL_REQUEST;
  }
}
