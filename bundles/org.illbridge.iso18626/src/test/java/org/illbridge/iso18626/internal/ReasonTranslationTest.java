package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.SupplyingAgencyMessage;
import org.junit.jupiter.api.Test;

/** An ISO 10161 lender's reason reaches an ISO 18626 requester as the 18626 code (api ReasonCodes). */
class ReasonTranslationTest {

  private final Iso18626ProtocolCodec codec = new Iso18626ProtocolCodec(TestConfigs.config());

  private SupplyingAgencyMessage sent(MessageType type, String reason) throws Exception {
    IllMessage m = IllMessage.builder(type).requesterTransactionId("T1").supplierTransactionId("S1")
        .sender(AgencyId.parse("ISIL:CA-BVAS")).recipient(AgencyId.parse("ISIL:CA-HOME"))
        .timestamp(Instant.parse("2026-11-23T10:00:00Z")).reason(reason).build();
    Iso18626Document doc = new Iso18626Codec(Iso18626Codec.Options.strictDefaults()).read(codec.encode(m, null));
    return (SupplyingAgencyMessage) doc.message();
  }

  @Test
  void iso10161ReasonNamesBecomeIso18626Codes() throws Exception {
    assertEquals("NotHeld", sent(MessageType.UNFILLED, "not-owned").messageInfo().reasonUnfilled().value());
    assertEquals("NotOnShelf", sent(MessageType.UNFILLED, "not-on-shelf").messageInfo().reasonUnfilled().value());
    assertEquals("CostExceedsMaxCost",
        sent(MessageType.RETRY_POSSIBLE, "cost-exceeds-limit").messageInfo().reasonRetry().value());
  }

  @Test
  void iso18626CodesAndReasonsWithoutCounterpartTravelUnchanged() throws Exception {
    assertEquals("NotOnShelf", sent(MessageType.UNFILLED, "NotOnShelf").messageInfo().reasonUnfilled().value());
    assertEquals("lost", sent(MessageType.UNFILLED, "lost").messageInfo().reasonUnfilled().value(),
        "an open list: a value without an ISO 18626 counterpart is sent as it is");
  }
}
