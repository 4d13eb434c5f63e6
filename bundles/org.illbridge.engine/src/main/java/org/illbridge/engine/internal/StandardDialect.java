package org.illbridge.engine.internal;

import java.util.EnumSet;
import java.util.Set;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.osgi.service.component.annotations.Component;

/**
 * The dialect of partners that follow their standard as written ({@code dialect.id=standard}, the
 * default of every partner). It takes every message its role may receive and applies only the
 * partner's notes policy: a note is dropped with a warning when the partner takes no notes.
 */
@Component(service = Dialect.class, property = Dialect.PROPERTY_ID + "=" + StandardDialect.ID)
public final class StandardDialect implements Dialect {
  public static final String ID = "standard";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<MessageType> supportedOutbound(Role bridgeRole) {
    EnumSet<MessageType> types = EnumSet.noneOf(MessageType.class);
    // The bridge acting as requester sends requester messages; as supplier, supplier messages.
    for (MessageType t : MessageType.values()) {
      if (t.sender() == null || t.sender() == bridgeRole) {
        types.add(t);
      }
    }
    return types;
  }

  @Override
  public OutboundDecision outbound(IllMessage message, Partner partner) {
    if (partner.notesAllowed() || message.note() == null) {
      return OutboundDecision.send(message);
    }
    if (message.type() == MessageType.NOTE) {
      return new OutboundDecision.Skip("partner " + partner.key() + " takes no notes");
    }
    return new OutboundDecision.Send(message.toBuilder().note(null).build(),
        java.util.List.of("note not sent to " + partner.key() + ": the partner takes no notes"));
  }
}
