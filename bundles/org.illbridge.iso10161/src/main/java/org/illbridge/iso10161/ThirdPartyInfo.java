package org.illbridge.iso10161;

import java.util.List;

/**
 * Third-Party-Info-Type.
 *
 * @param permissionToForward [0]
 * @param permissionToChain [1]
 * @param permissionToPartition [2]
 * @param permissionToChangeSendToList [3]
 * @param initialRequesterAddress [4]
 * @param preference [5] DEFAULT unordered
 * @param sendToList [6]
 * @param alreadyTriedList [7]
 */
public record ThirdPartyInfo(
    boolean permissionToForward,
    boolean permissionToChain,
    boolean permissionToPartition,
    boolean permissionToChangeSendToList,
    SystemAddress initialRequesterAddress,
    SendToPreference preference,
    List<SendToEntry> sendToList,
    List<SystemId> alreadyTriedList) {

  public ThirdPartyInfo {
    preference = preference == null ? SendToPreference.UNORDERED : preference;
    sendToList = sendToList == null ? List.of() : List.copyOf(sendToList);
    alreadyTriedList = alreadyTriedList == null ? List.of() : List.copyOf(alreadyTriedList);
  }
}
