package ${package}.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.osgi.service.component.annotations.Component;

/**
 * The ${dialectName} dialect: the rules of ${dialectName}'s ILL system, applied to every message
 * the bridge exchanges with partners that name "${dialectId}" as their dialect.
 *
 * <p>Must stay stateless and thread-safe: the engine calls it concurrently. Replace the example
 * rules below with your system's; keep one unit test per rule.
 */
@Component(
    service = Dialect.class,
    property = {Dialect.PROPERTY_ID + "=" + PartnerDialect.ID, "dialect.name=${dialectName}"})
public final class PartnerDialect implements Dialect {

  public static final String ID = "${dialectId}";

  /** What the partner takes when it lends to us (the bridge is the requester). */
  static final Set<MessageType> TO_LENDER = Collections.unmodifiableSet(EnumSet.of(
      MessageType.REQUEST, MessageType.CANCEL, MessageType.RECEIVED, MessageType.RETURNED,
      MessageType.RENEW));

  /** What the partner takes when it borrows from us (the bridge is the supplier). */
  static final Set<MessageType> TO_BORROWER = Collections.unmodifiableSet(EnumSet.of(
      MessageType.WILL_SUPPLY, MessageType.SHIPPED, MessageType.UNFILLED,
      MessageType.CANCEL_REPLY, MessageType.RENEW_ANSWER, MessageType.CHECKED_IN));

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<MessageType> supportedOutbound(Role bridgeRole) {
    Objects.requireNonNull(bridgeRole, "bridgeRole");
    return bridgeRole == Role.REQUESTER ? TO_LENDER : TO_BORROWER;
  }

  @Override
  public OutboundDecision outbound(IllMessage message, Partner partner) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(partner, "partner");
    MessageType type = message.type();
    // Example rule 1: a message the partner never takes is skipped (not an error).
    if (!TO_LENDER.contains(type) && !TO_BORROWER.contains(type)) {
      // Reasons reach people: write sentences, never raw protocol codes.
      return new OutboundDecision.Skip("${dialectName} partners do not take this kind of message.");
    }
    // Example rule 2: a request must name the item, or it is refused before anything is sent.
    if (type == MessageType.REQUEST
        && (message.item() == null || message.item().title() == null
            || message.item().title().isBlank())) {
      return new OutboundDecision.Refuse("${dialectName} requires the title of the requested item.");
    }
    // Example rule 3: notes are dropped, with a warning for the home system, when the partner
    // does not take them.
    List<String> warnings = new ArrayList<>();
    IllMessage out = message;
    if (!partner.notesAllowed() && message.note() != null) {
      out = message.toBuilder().note(null).build();
      warnings.add("The note was not sent: this ${dialectName} partner does not take notes.");
    }
    return new OutboundDecision.Send(out, warnings);
  }

  @Override
  public IllMessage inbound(IllMessage message, Partner partner) {
    // Normalise the partner's quirks to the neutral model here; unchanged by default.
    return message;
  }
}
