package org.illbridge.iso10161;

import java.util.List;

/** One ISO 10161 APDU: the ILL-APDU CHOICE of the ASN.1 module. */
public sealed interface IllApdu
    permits IllRequest, ForwardNotification, Shipped, IllAnswer, ConditionalReply, Cancel,
        CancelReply, Received, Recall, Returned, CheckedIn, Overdue, Renew, RenewAnswer, Lost,
        Damaged, Message, StatusQuery, StatusOrErrorReport, Expired {

  /** Which of the twenty services this APDU carries. */
  ApduType type();

  /** Protocol version, transaction id, service date-time, requester and responder. */
  ApduHeader header();

  /** The APDU's extensions, never null. */
  List<Extension> extensions();
}
