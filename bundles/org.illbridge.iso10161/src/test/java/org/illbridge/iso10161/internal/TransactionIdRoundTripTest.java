package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.ServiceType;
import org.junit.jupiter.api.Test;

/**
 * The engine sends ids without a group qualifier ({@code IB...-1}); the lender's answer echoes the
 * transaction id, and it must decode to the same text or the engine cannot match it (found by the
 * end-to-end tests: answers came back as {@code /IB...-1}).
 */
class TransactionIdRoundTripTest {
  private final Iso10161ProtocolCodec codec = new Iso10161ProtocolCodec();

  private String roundTrip(String id) throws Exception {
    IllMessage req = IllMessage.builder(MessageType.REQUEST)
        .requesterTransactionId(id)
        .sender(AgencyId.parse("ISIL:CA-BVAS")).recipient(AgencyId.parse("NUC:OZZ"))
        .timestamp(Instant.parse("2024-05-01T08:30:00Z"))
        .serviceType(ServiceType.LOAN)
        .item(Item.titled("Moby-Dick"))
        .build();
    return codec.decode(codec.encode(req, null), null).requesterTransactionId();
  }

  @Test
  void idsWithAndWithoutGroupQualifierComeBackUnchanged() throws Exception {
    assertEquals("IBD0A26H73K8-1", roundTrip("IBD0A26H73K8-1"));
    assertEquals("G1/T1", roundTrip("G1/T1"));
    assertEquals("/T1/S1", roundTrip("/T1/S1"));
    assertEquals("T\\/1", roundTrip("T\\/1"));
  }
}
