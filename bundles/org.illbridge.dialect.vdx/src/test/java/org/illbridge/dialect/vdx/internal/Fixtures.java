package org.illbridge.dialect.vdx.internal;

import java.time.Instant;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;

/** Test data: Royal Roads University (BRCZ) as a VDX partner, seed 000. */
final class Fixtures {
  static final AgencyId US = AgencyId.parse("NUC:BVIP");
  static final AgencyId RRU = AgencyId.parse("NUC:BRCZ");

  private Fixtures() {}

  static Partner rru(int daysToRespond, boolean notesAllowed) {
    return new Partner("rru", "Royal Roads University", List.of(RRU), Protocol.ISO10161,
        VdxDialect.ID, List.of(), daysToRespond, false, false, notesAllowed, true);
  }

  static Partner rru() {
    return rru(8, true);
  }

  static IllMessage.Builder message(MessageType type) {
    return IllMessage.builder(type)
        .requesterTransactionId("ILLUME-1001")
        .sender(US)
        .recipient(RRU)
        .timestamp(Instant.parse("2024-03-01T10:15:30Z"))
        .serviceType(ServiceType.LOAN)
        .item(Item.titled("The Left Hand of Darkness"));
  }
}
