package org.illbridge.iso10161;

import java.util.List;

/**
 * ILL-Answer ([APPLICATION 4]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param transactionResults [31]
 * @param resultsExplanation [32]
 * @param responderSpecificResults [33] EXTERNAL
 * @param supplementalItemDescription [17]
 * @param sendToList [23]
 * @param alreadyTriedList [34]
 * @param responderOptionalMessages [28]
 * @param responderNote [46]
 * @param extensions [49]
 */
public record IllAnswer(
    ApduHeader header,
    TransactionResults transactionResults,
    ResultsExplanation resultsExplanation,
    RawBer responderSpecificResults,
    List<RawBer> supplementalItemDescription,
    List<SendToEntry> sendToList,
    List<SystemId> alreadyTriedList,
    ResponderOptionalMessages responderOptionalMessages,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public IllAnswer {
    supplementalItemDescription = supplementalItemDescription == null ? List.of() : List.copyOf(supplementalItemDescription);
    sendToList = sendToList == null ? List.of() : List.copyOf(sendToList);
    alreadyTriedList = alreadyTriedList == null ? List.of() : List.copyOf(alreadyTriedList);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.ILL_ANSWER;
  }
}
