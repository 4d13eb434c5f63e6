package org.illbridge.dialect.relais.internal;

import java.time.Instant;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;

/** Test data: SFU (BVAS) as a Relais partner, seed 000. */
final class Fixtures {
  static final AgencyId US = AgencyId.parse("NUC:BVIP");
  static final AgencyId SFU = AgencyId.parse("NUC:BVAS");

  private Fixtures() {}

  static Partner sfu(int daysToRespond, boolean notesAllowed) {
    return new Partner("sfu", "Simon Fraser University", List.of(SFU), Protocol.ISO10161,
        RelaisDialect.ID, List.of(), daysToRespond, false, false, notesAllowed, true);
  }

  static Partner sfu() {
    return sfu(8, true);
  }

  static IllMessage.Builder message(MessageType type) {
    return IllMessage.builder(type)
        .requesterTransactionId("ILLUME-1001")
        .sender(US)
        .recipient(SFU)
        .timestamp(Instant.parse("2024-03-01T10:15:30Z"))
        .serviceType(ServiceType.LOAN)
        .item(Item.titled("The Left Hand of Darkness"));
  }
}
