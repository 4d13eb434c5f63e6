package org.illbridge.itests.dialect.example.internal;

import java.util.EnumSet;
import java.util.Set;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.osgi.service.component.annotations.Component;

/** A minimal dialect used only by the integration tests: drops notes, sends everything else. */
@Component(service = Dialect.class, property = Dialect.PROPERTY_ID + "=" + ExampleDialect.ID)
public class ExampleDialect implements Dialect {
  static final String ID = "example";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<MessageType> supportedOutbound(Role bridgeRole) {
    return EnumSet.complementOf(EnumSet.of(MessageType.NOTE));
  }

  @Override
  public OutboundDecision outbound(IllMessage message, Partner partner) {
    if (message.type() == MessageType.NOTE) {
      return new OutboundDecision.Skip("the example partner takes no notes");
    }
    return OutboundDecision.send(message);
  }
}
