package org.illbridge.dialect.alma.internal;

import static org.illbridge.api.model.MessageType.CANCEL;
import static org.illbridge.api.model.MessageType.CANCEL_REPLY;
import static org.illbridge.api.model.MessageType.CHECKED_IN;
import static org.illbridge.api.model.MessageType.CONDITIONAL;
import static org.illbridge.api.model.MessageType.ESTIMATE;
import static org.illbridge.api.model.MessageType.LOCATIONS_PROVIDED;
import static org.illbridge.api.model.MessageType.NOTE;
import static org.illbridge.api.model.MessageType.RECEIVED;
import static org.illbridge.api.model.MessageType.RENEW;
import static org.illbridge.api.model.MessageType.RENEW_ANSWER;
import static org.illbridge.api.model.MessageType.REQUEST;
import static org.illbridge.api.model.MessageType.RETRY_POSSIBLE;
import static org.illbridge.api.model.MessageType.RETURNED;
import static org.illbridge.api.model.MessageType.SHIPPED;
import static org.illbridge.api.model.MessageType.UNFILLED;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.ServiceType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Ex Libris Alma's ISO ILL profile (seed 001: ISO 10161 protocol version 2, simple transactions;
 * Alma also speaks ISO 18626). Each rule is listed, with its source, in the bundle's README.
 *
 * <p>Stateless and thread-safe: the only state is the immutable configuration (a default
 * delivery address), replaced by DS re-activating the component when it changes.
 */
@Component(
    service = Dialect.class,
    configurationPid = AlmaDialect.PID,
    property = {Dialect.PROPERTY_ID + "=" + AlmaDialect.ID, "dialect.name=Alma"})
@Designate(ocd = AlmaDialect.Config.class)
public final class AlmaDialect implements Dialect {

  public static final String ID = "alma";
  public static final String PID = "org.illbridge.dialect.alma";

  // Attributes of the neutral message this dialect reads or writes; the ISO 10161 codec turns
  // them into the APDU fields of the same name (see README, "Attributes").

  /** Delivery-Address of an ILL-Request, free text (postal address lines separated by newlines). */
  public static final String ATTR_DELIVERY_ADDRESS = "iso10161.delivery-address";
  /** APDU-Delivery-Info sender identity, written {@code SCHEME:VALUE} ({@link AgencyId}). */
  public static final String ATTR_DELIVERY_INFO_SENDER = "iso10161.apdu-delivery-info.sender";
  /** APDU-Delivery-Info recipient identity, written {@code SCHEME:VALUE} ({@link AgencyId}). */
  public static final String ATTR_DELIVERY_INFO_RECIPIENT = "iso10161.apdu-delivery-info.recipient";
  /** Transaction-Type of the APDU: {@code simple}, {@code chained} or {@code partitioned}. */
  public static final String ATTR_TRANSACTION_TYPE = "iso10161.transaction-type";
  /** ISO-Date (YYYYMMDD) fields the profile requires. */
  public static final String ATTR_DATE_RECEIVED = "iso10161.date-received";
  public static final String ATTR_DATE_RETURNED = "iso10161.date-returned";
  public static final String ATTR_DATE_CHECKED_IN = "iso10161.date-checked-in";

  /** The path Alma takes ISO ILL messages on over HTTP (seed 001). */
  public static final String HTTP_PATH = "/view/iso-ill";

  /** Seed 001 "Messages supported as Borrower": what we send to an Alma lender. */
  static final Set<MessageType> TO_LENDER =
      Collections.unmodifiableSet(EnumSet.of(REQUEST, RECEIVED, RETURNED, CANCEL, RENEW, NOTE));

  /** Seed 001 "Messages supported as Lender": what we send to an Alma borrower. */
  static final Set<MessageType> TO_BORROWER =
      Collections.unmodifiableSet(
          EnumSet.of(SHIPPED, CHECKED_IN, UNFILLED, CANCEL_REPLY, RENEW_ANSWER, NOTE));

  /**
   * ILL-Answers other than unfilled: the Alma borrower would wait for them in vain, so they are
   * refused (staff answer Shipped or Unfilled) rather than skipped.
   */
  static final Set<MessageType> AWAITED_ANSWERS =
      Collections.unmodifiableSet(EnumSet.of(CONDITIONAL, RETRY_POSSIBLE, LOCATIONS_PROVIDED, ESTIMATE));

  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

  @ObjectClassDefinition(
      name = "ILL Bridge: Alma dialect",
      description = "Defaults for Alma partners (seed 001).")
  public @interface Config {
    @AttributeDefinition(
        name = "Default delivery address",
        description = "Where Alma lenders ship to, used when an ILL-Request carries no delivery "
            + "address (attribute iso10161.delivery-address). Lines separated by newlines. Empty: "
            + "such a request is refused.",
        required = false)
    String deliveryAddress() default "";
  }

  /** Per-partner setting ({@code setting.deliveryAddress=...}), preferred over the dialect's. */
  public static final String SETTING_DELIVERY_ADDRESS = "deliveryAddress";

  /** The configuration as plain values (for tests and for the component). */
  record Defaults(String deliveryAddress) {
    static final Defaults NONE = new Defaults(null);

    /** These defaults with the partner's own settings ({@link Partner#settings()}) put over them. */
    Defaults forPartner(Partner partner) {
      String own = partner.setting(SETTING_DELIVERY_ADDRESS);
      return own == null || own.isBlank() ? this : new Defaults(own);
    }
  }

  private final Defaults defaults;

  @Activate
  public AlmaDialect(Config config) {
    this(new Defaults(config.deliveryAddress()));
  }

  AlmaDialect(Defaults defaults) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

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
      return new OutboundDecision.Skip(Texts.TEXTS.en("skip.type", Texts.TEXTS.type(type)));
    }
    List<String> warnings = new ArrayList<>();
    Map<String, String> attributes = new LinkedHashMap<>(message.attributes());
    String note = message.note();

    // Notes: only when the partner takes them.
    if (!partner.notesAllowed()) {
      if (type == NOTE) {
        return new OutboundDecision.Skip(Texts.TEXTS.en("skip.note"));
      }
      boolean dropped = attributes.keySet().removeIf(k -> k.endsWith("-note"));
      if (!isBlank(note) || dropped) {
        note = null;
        warnings.add(Texts.TEXTS.en("warn.noteDropped"));
      }
    }
    if (type == NOTE && isBlank(note)) {
      return refuse("refuse.missing.note", type);
    }

    if (partner.protocol() == Protocol.ISO10161) {
      OutboundDecision.Refuse refused =
          checkIso10161Profile(message, attributes, defaults.forPartner(partner));
      if (refused != null) {
        return refused;
      }
      addDeliveryInfo(message, partner, attributes, warnings);
      checkEndpoints(partner, warnings);
    }

    IllMessage out = new IllMessage(type, message.requesterTransactionId(),
        message.supplierTransactionId(), message.sender(), message.recipient(),
        message.timestamp(), message.serviceType(), message.item(), message.patron(),
        message.reason(), message.answer(), message.dueDate(), note, attributes,
        message.warnings());
    if (out.equals(message) && warnings.isEmpty()) {
      return OutboundDecision.send(message);
    }
    return new OutboundDecision.Send(out, warnings);
  }

  /** Required and unsupported fields of the ISO 10161 profile (seed 001 field table). */
  private static OutboundDecision.Refuse checkIso10161Profile(
      IllMessage message, Map<String, String> attributes, Defaults defaults) {
    MessageType type = message.type();
    String transactionType = attributes.get(ATTR_TRANSACTION_TYPE);
    if (transactionType != null && !"simple".equalsIgnoreCase(transactionType.trim())) {
      return new OutboundDecision.Refuse(Texts.TEXTS.en("refuse.transactionType", Texts.TEXTS.type(type)));
    }
    if (isBlank(message.requesterTransactionId())) {
      return refuse("refuse.missing.transactionId", type);
    }
    if (message.timestamp() == null) {
      return refuse("refuse.missing.serviceDateTime", type);
    }
    switch (type) {
      case REQUEST -> {
        if (!hasDeliveryAddress(attributes)) {
          if (isBlank(defaults.deliveryAddress())) {
            return refuse("refuse.missing.deliveryAddress", type);
          }
          attributes.put(ATTR_DELIVERY_ADDRESS, defaults.deliveryAddress().trim());
        }
        if (!loanOrCopy(message.serviceType())) {
          return refuse("refuse.missing.serviceType", type);
        }
        if (!identifiesItem(message.item())) {
          return refuse("refuse.missing.itemId", type);
        }
      }
      case SHIPPED -> {
        if (!loanOrCopy(message.serviceType())) {
          return refuse("refuse.missing.shippedServiceType", type);
        }
      }
      case RECEIVED -> {
        if (!loanOrCopy(message.serviceType())) {
          return refuse("refuse.missing.shippedServiceType", type);
        }
        attributes.putIfAbsent(ATTR_DATE_RECEIVED, ISO_DATE.format(message.timestamp()));
      }
      case RETURNED -> attributes.putIfAbsent(ATTR_DATE_RETURNED, ISO_DATE.format(message.timestamp()));
      case CHECKED_IN -> attributes.putIfAbsent(ATTR_DATE_CHECKED_IN, ISO_DATE.format(message.timestamp()));
      case UNFILLED -> {
        if (isBlank(message.reason())) {
          return refuse("refuse.missing.unfilledReason", type);
        }
      }
      case CANCEL_REPLY -> {
        if (message.answer() == null) {
          return refuse("refuse.missing.answer", type);
        }
      }
      case RENEW_ANSWER -> {
        if (message.answer() == null) {
          return refuse("refuse.missing.answer", type);
        }
        if (message.answer() && message.dueDate() == null) {
          return refuse("refuse.missing.dateDue", type);
        }
      }
      default -> {
        // CANCEL, RENEW, NOTE: no required field besides the header (and the note, checked above)
      }
    }
    return null;
  }

  /**
   * Seed 001: "Messages to Alma are not forced to include this extension, however if possible it
   * is recommend[ed] to include it. Alma uses it in order to identify the sender and receiver."
   */
  private static void addDeliveryInfo(
      IllMessage message, Partner partner, Map<String, String> attributes, List<String> warnings) {
    AgencyId recipient = message.recipient() != null ? message.recipient()
        : partner.ids().isEmpty() ? null : partner.primaryId();
    if (message.sender() == null || recipient == null) {
      warnings.add(Texts.TEXTS.en("warn.noDeliveryInfo"));
      return;
    }
    attributes.put(ATTR_DELIVERY_INFO_SENDER, message.sender().toString());
    attributes.put(ATTR_DELIVERY_INFO_RECIPIENT, recipient.toString());
  }

  /** Seed 001: over HTTP, Alma takes ISO ILL messages at {@code [Alma domain]/view/iso-ill}. */
  private static void checkEndpoints(Partner partner, List<String> warnings) {
    for (Endpoint endpoint : partner.endpoints()) {
      String scheme = endpoint.uri().getScheme();
      if (scheme == null) {
        continue;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https")) {
        String path = endpoint.uri().getPath() == null ? "" : endpoint.uri().getPath();
        if (!path.endsWith(HTTP_PATH) && !path.endsWith(HTTP_PATH + "/")) {
          warnings.add(Texts.TEXTS.en("warn.endpointPath", endpoint.uri().toString(), HTTP_PATH));
        }
      }
    }
  }

  /**
   * Reads the APDU-Delivery-Info identities Alma puts on every message (seed 001): fills a
   * missing sender or recipient from them and warns when the sender named there is not the
   * partner the message came from.
   */
  @Override
  public IllMessage inbound(IllMessage message, Partner partner) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(partner, "partner");
    List<String> warnings = new ArrayList<>();
    String transactionType = message.attributes().get(ATTR_TRANSACTION_TYPE);
    if (transactionType != null && !"simple".equalsIgnoreCase(transactionType.trim())) {
      warnings.add(Texts.TEXTS.en("warn.inbound.transactionType", transactionType));
    }
    AgencyId infoSender = agency(message.attributes().get(ATTR_DELIVERY_INFO_SENDER), warnings);
    AgencyId infoRecipient = agency(message.attributes().get(ATTR_DELIVERY_INFO_RECIPIENT), warnings);
    if (infoSender != null && !knownAs(partner, infoSender)) {
      warnings.add(Texts.TEXTS.en("warn.inbound.unknownSender", infoSender.value(), partnerName(partner)));
    }
    boolean fillSender = message.sender() == null && infoSender != null;
    boolean fillRecipient = message.recipient() == null && infoRecipient != null;
    if (warnings.isEmpty() && !fillSender && !fillRecipient) {
      return message;
    }
    IllMessage.Builder b = message.toBuilder();
    if (fillSender) {
      b.sender(infoSender);
    }
    if (fillRecipient) {
      b.recipient(infoRecipient);
    }
    warnings.forEach(b::warning);
    return b.build();
  }

  private static AgencyId agency(String text, List<String> warnings) {
    if (text == null) {
      return null;
    }
    try {
      return AgencyId.parse(text);
    } catch (IllegalArgumentException e) {
      warnings.add(Texts.TEXTS.en("warn.inbound.badIdentity", text));
      return null;
    }
  }

  /** Symbols are compared by value: partners are not consistent about the scheme they write. */
  private static boolean knownAs(Partner partner, AgencyId id) {
    return partner.ids().stream().anyMatch(known -> known.value().equals(id.value()));
  }

  private static String partnerName(Partner partner) {
    return partner.name() == null || partner.name().isBlank() ? partner.key() : partner.name();
  }

  private static boolean accepted(MessageType type) {
    Role sender = type.sender();
    if (sender == null) {
      return TO_LENDER.contains(type) || TO_BORROWER.contains(type);
    }
    return sender == Role.REQUESTER ? TO_LENDER.contains(type) : TO_BORROWER.contains(type);
  }

  private static boolean loanOrCopy(ServiceType serviceType) {
    return serviceType == ServiceType.LOAN || serviceType == ServiceType.COPY;
  }

  private static boolean identifiesItem(Item item) {
    return item != null
        && !(isBlank(item.title()) && isBlank(item.isbn()) && isBlank(item.issn())
            && isBlank(item.oclcNumber()) && isBlank(item.systemNumber()));
  }

  private static OutboundDecision.Refuse refuse(String key, MessageType type) {
    return new OutboundDecision.Refuse(Texts.TEXTS.en(key, Texts.TEXTS.type(type)));
  }

  /**
   * A delivery address is there when the free-text attribute is, or when the ISO 10161 codec's
   * structured postal address ({@code iso10161.delivery.*}) has a non-blank part.
   */
  static boolean hasDeliveryAddress(Map<String, String> attributes) {
    if (!isBlank(attributes.get(ATTR_DELIVERY_ADDRESS))) {
      return true;
    }
    return attributes.entrySet().stream()
        .anyMatch(e -> e.getKey().startsWith("iso10161.delivery.") && !isBlank(e.getValue()));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
