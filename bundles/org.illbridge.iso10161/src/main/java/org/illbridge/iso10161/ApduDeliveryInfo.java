package org.illbridge.iso10161;

import java.util.List;

/**
 * APDU-Delivery-Info extension (OID 1.0.10161.13.3; Alma and the IPIG profile): where and how each side takes APDUs.
 *
 * @param senderInfo [0]
 * @param recipientInfo [1]
 * @param transponderInfo [2]
 */
public record ApduDeliveryInfo(
    List<ApduDeliveryParameters> senderInfo,
    List<ApduDeliveryParameters> recipientInfo,
    List<ApduDeliveryParameters> transponderInfo) implements ExtensionItem {

  public ApduDeliveryInfo {
    senderInfo = senderInfo == null ? List.of() : List.copyOf(senderInfo);
    recipientInfo = recipientInfo == null ? List.of() : List.copyOf(recipientInfo);
    transponderInfo = transponderInfo == null ? List.of() : List.copyOf(transponderInfo);
  }

  /** Registered object identifier of this extension. */
  public static final String OID = "1.0.10161.13.3";
}
