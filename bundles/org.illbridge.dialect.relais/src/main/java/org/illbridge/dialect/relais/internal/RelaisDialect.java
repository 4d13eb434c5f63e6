package org.illbridge.dialect.relais.internal;

import static org.illbridge.api.model.MessageType.CANCEL;
import static org.illbridge.api.model.MessageType.CANCEL_REPLY;
import static org.illbridge.api.model.MessageType.CHECKED_IN;
import static org.illbridge.api.model.MessageType.CONDITIONAL;
import static org.illbridge.api.model.MessageType.ESTIMATE;
import static org.illbridge.api.model.MessageType.LOCATIONS_PROVIDED;
import static org.illbridge.api.model.MessageType.RECEIVED;
import static org.illbridge.api.model.MessageType.RENEW;
import static org.illbridge.api.model.MessageType.RENEW_ANSWER;
import static org.illbridge.api.model.MessageType.REQUEST;
import static org.illbridge.api.model.MessageType.RETRY_POSSIBLE;
import static org.illbridge.api.model.MessageType.RETURNED;
import static org.illbridge.api.model.MessageType.SHIPPED;
import static org.illbridge.api.model.MessageType.UNFILLED;
import static org.illbridge.api.model.MessageType.WILL_SUPPLY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Relais ISO ILL sites (seed 000, "Tips on working with Relais ISO ILL partner libraries"). Each
 * rule is listed, with its source, in the bundle's README.
 *
 * <p>Stateless and thread-safe. The recommended days-to-respond range is published as the
 * service properties {@code dialect.daysToRespond.min} / {@code .max} so the console can show it
 * without depending on this (unexported) class.
 */
@Component(
    service = Dialect.class,
    property = {
      Dialect.PROPERTY_ID + "=" + RelaisDialect.ID,
      "dialect.name=Relais",
      "dialect.daysToRespond.min:Integer=" + RelaisDialect.DAYS_TO_RESPOND_MIN,
      "dialect.daysToRespond.max:Integer=" + RelaisDialect.DAYS_TO_RESPOND_MAX
    })
public final class RelaisDialect implements Dialect {

  public static final String ID = "relais";

  /** Seed 000: "ISO Partner libraries are set-up with 7-10 Days to Respond (DTR)". */
  public static final int DAYS_TO_RESPOND_MIN = 7;

  public static final int DAYS_TO_RESPOND_MAX = 10;

  /** Seed 000 "Keep it simple": the basic messages we send to a Relais lender. */
  static final Set<MessageType> TO_LENDER =
      Collections.unmodifiableSet(EnumSet.of(REQUEST, CANCEL, RECEIVED, RETURNED, RENEW));

  /** Seed 000 "Keep it simple": the basic messages we send to a Relais borrower. */
  static final Set<MessageType> TO_BORROWER =
      Collections.unmodifiableSet(
          EnumSet.of(WILL_SUPPLY, SHIPPED, UNFILLED, CANCEL_REPLY, RENEW_ANSWER, CHECKED_IN));

  /**
   * Answers to a request the partner would wait for: not sending them would leave the borrower
   * waiting, so they are refused (staff must answer with a basic message) rather than skipped.
   */
  static final Set<MessageType> AWAITED_ANSWERS =
      Collections.unmodifiableSet(EnumSet.of(CONDITIONAL, RETRY_POSSIBLE, LOCATIONS_PROVIDED, ESTIMATE));

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
    if (!accepted(type)) {
      if (AWAITED_ANSWERS.contains(type)) {
        return new OutboundDecision.Refuse(Texts.TEXTS.en("refuse.answer", Texts.TEXTS.type(type)));
      }
      if (type == MessageType.NOTE) {
        return new OutboundDecision.Skip(Texts.TEXTS.en("skip.note"));
      }
      if (type == MessageType.LOST || type == MessageType.DAMAGED) {
        return new OutboundDecision.Skip(Texts.TEXTS.en("skip.contactDirectly", Texts.TEXTS.type(type)));
      }
      return new OutboundDecision.Skip(Texts.TEXTS.en("skip.type", Texts.TEXTS.type(type)));
    }
    if (type == REQUEST && isBlank(message.requesterTransactionId())) {
      return new OutboundDecision.Refuse(Texts.TEXTS.en("refuse.requestNumber"));
    }
    List<String> warnings = new ArrayList<>();
    IllMessage out = withoutNotes(message, warnings);
    if (type == REQUEST
        && (partner.daysToRespond() < DAYS_TO_RESPOND_MIN
            || partner.daysToRespond() > DAYS_TO_RESPOND_MAX)) {
      warnings.add(Texts.TEXTS.en("warn.daysToRespond", partner.daysToRespond(),
          DAYS_TO_RESPOND_MIN, DAYS_TO_RESPOND_MAX));
    }
    return new OutboundDecision.Send(out, warnings);
  }

  // No inbound override: Relais' quirks are absences (no Shipped for copies, maybe no Received or
  // Returned), which the engine covers with days-to-respond and staff follow-up (README).

  private static boolean accepted(MessageType type) {
    Role sender = type.sender();
    if (sender == null) {
      return TO_LENDER.contains(type) || TO_BORROWER.contains(type);
    }
    return sender == Role.REQUESTER ? TO_LENDER.contains(type) : TO_BORROWER.contains(type);
  }

  /**
   * Seed 000: notes "may not be sent to the ISO partner library". Drops the note and any
   * protocol note attribute ({@code *-note}, e.g. {@code iso10161.requester-note}).
   */
  static IllMessage withoutNotes(IllMessage message, List<String> warnings) {
    Map<String, String> attributes = new LinkedHashMap<>(message.attributes());
    boolean droppedAttribute = attributes.keySet().removeIf(k -> k.endsWith("-note"));
    if (isBlank(message.note()) && !droppedAttribute) {
      return message;
    }
    warnings.add(Texts.TEXTS.en("warn.noteDropped"));
    return new IllMessage(message.type(), message.requesterTransactionId(),
        message.supplierTransactionId(), message.sender(), message.recipient(),
        message.timestamp(), message.serviceType(), message.item(), message.patron(),
        message.reason(), message.answer(), message.dueDate(), null, attributes,
        message.warnings());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
