package org.illbridge.dialect.oclc.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The OCLC ILL service for ISO ILL sites (seed 002, "Using your system with the OCLC ILL
 * service"). Each rule is listed, with its source, in the bundle's README.
 *
 * <p>Stateless and thread-safe: the only state is the immutable configuration (request
 * defaults), replaced by DS re-activating the component when it changes.
 */
@Component(
    service = Dialect.class,
    configurationPid = OclcDialect.PID,
    property = {Dialect.PROPERTY_ID + "=" + OclcDialect.ID, "dialect.name=OCLC"})
@Designate(ocd = OclcDialect.Config.class)
public final class OclcDialect implements Dialect {

  public static final String ID = "oclc";
  public static final String PID = "org.illbridge.dialect.oclc";

  /** Neutral reason code of an Unfilled "not found as cited" (ISO 10161 reason-unfilled 17). */
  public static final String REASON_NOT_FOUND_AS_CITED = "not-found-as-cited";

  // Attributes of the neutral message this dialect reads or writes (ISO 10161 Search-Type and
  // Delivery-Address of the ILL-Request; see README, "Attributes").
  public static final String ATTR_LEVEL_OF_SERVICE = "iso10161.level-of-service";
  /** ISO-Date YYYYMMDD. */
  public static final String ATTR_NEED_BEFORE_DATE = "iso10161.need-before-date";
  /** ISO-Date YYYYMMDD. */
  public static final String ATTR_EXPIRY_DATE = "iso10161.expiry-date";
  /** OCLC's "Ship To": the ILL-Request delivery address, lines separated by newlines. */
  public static final String ATTR_DELIVERY_ADDRESS = "iso10161.delivery-address";

  /** Seed 002: never Will-Supply, never Conditional; the rest of ISO 10161 is used. */
  static final Set<MessageType> TO_LENDER;
  static final Set<MessageType> TO_BORROWER;

  static {
    EnumSet<MessageType> lender = EnumSet.noneOf(MessageType.class);
    EnumSet<MessageType> borrower = EnumSet.noneOf(MessageType.class);
    for (MessageType t : MessageType.values()) {
      if (t == MessageType.COMPLETED_WITHOUT_RETURN) {
        continue; // ISO 18626 only; OCLC's ISO ILL service speaks ISO 10161
      }
      if (t.sender() != Role.SUPPLIER) {
        lender.add(t);
      }
      if (t.sender() != Role.REQUESTER) {
        borrower.add(t);
      }
    }
    borrower.remove(MessageType.WILL_SUPPLY);
    borrower.remove(MessageType.CONDITIONAL);
    TO_LENDER = Collections.unmodifiableSet(lender);
    TO_BORROWER = Collections.unmodifiableSet(borrower);
  }

  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  @ObjectClassDefinition(
      name = "ILL Bridge: OCLC dialect",
      description = "Defaults that complete requests to the OCLC ILL service (seed 002). A value "
          + "carried by the request itself wins.")
  public @interface Config {
    @AttributeDefinition(name = "Default service level",
        description = "Service level (ISO 10161 level-of-service) put on requests that have no "
            + "service level, need-before date or expiry date. Empty: none.", required = false)
    String serviceLevel() default "";

    @AttributeDefinition(name = "Default need-before (days)",
        description = "When a request has none of service level, need-before date or expiry "
            + "date, and no default service level is set: need-before date this many days after "
            + "the request. 0: none.", required = false, min = "0", max = "3650")
    int needBeforeDays() default 0;

    @AttributeDefinition(name = "Default verification source",
        description = "Where citations are verified (OCLC's \"Verified\" / \"Source\"), used when "
            + "a request names none, e.g. WorldCat. Empty: such a request is refused.",
        required = false)
    String verificationSource() default "";

    @AttributeDefinition(name = "Default ship-to address",
        description = "OCLC's \"Ship To\": where lenders ship, used when a request carries no "
            + "delivery address. Lines separated by newlines. Empty: such a request is refused.",
        required = false)
    String shipTo() default "";
  }

  /** The configuration as plain values (for tests and for the component). */
  record Defaults(String serviceLevel, int needBeforeDays, String verificationSource, String shipTo) {
    static final Defaults NONE = new Defaults(null, 0, null, null);

    Defaults {
      if (needBeforeDays < 0) {
        throw new IllegalArgumentException("needBeforeDays must not be negative: " + needBeforeDays);
      }
    }

    /**
     * These defaults with the partner's own settings ({@code setting.<name>} in its partner
     * configuration, {@link Partner#settings()}) put over them. A partner setting that is not a
     * valid value is ignored with a warning, and the dialect-wide default applies.
     */
    Defaults forPartner(Partner partner, List<String> warnings) {
      Map<String, String> s = partner.settings();
      if (s.isEmpty()) {
        return this;
      }
      int days = needBeforeDays;
      String daysText = s.get(SETTING_NEED_BEFORE_DAYS);
      if (daysText != null) {
        try {
          days = Integer.parseInt(daysText.trim());
          if (days < 0 || days > 3650) {
            throw new NumberFormatException(daysText);
          }
        } catch (NumberFormatException e) {
          days = needBeforeDays;
          warnings.add(Texts.TEXTS.en("warn.badSetting", SETTING_NEED_BEFORE_DAYS, daysText));
        }
      }
      return new Defaults(s.getOrDefault(SETTING_SERVICE_LEVEL, serviceLevel), days,
          s.getOrDefault(SETTING_VERIFICATION_SOURCE, verificationSource),
          s.getOrDefault(SETTING_SHIP_TO, shipTo));
    }
  }

  /** Per-partner settings ({@code setting.<name>=value}); same meaning as the {@link Config} field. */
  public static final String SETTING_SERVICE_LEVEL = "serviceLevel";
  public static final String SETTING_NEED_BEFORE_DAYS = "needBeforeDays";
  public static final String SETTING_VERIFICATION_SOURCE = "verificationSource";
  public static final String SETTING_SHIP_TO = "shipTo";

  private final Defaults defaults;
  private final Clock clock;

  @Activate
  public OclcDialect(Config config) {
    this(new Defaults(config.serviceLevel(), config.needBeforeDays(),
        config.verificationSource(), config.shipTo()), Clock.systemUTC());
  }

  OclcDialect(Defaults defaults, Clock clock) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.clock = Objects.requireNonNull(clock, "clock");
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
    List<String> warnings = new ArrayList<>();
    IllMessage m = message;
    switch (m.type()) {
      case WILL_SUPPLY -> {
        return new OutboundDecision.Skip(Texts.TEXTS.en("skip.willSupply"));
      }
      case COMPLETED_WITHOUT_RETURN -> {
        return new OutboundDecision.Skip(Texts.TEXTS.en("skip.type", Texts.TEXTS.type(m.type())));
      }
      case CONDITIONAL -> {
        // Not offered (supportedOutbound), but if one reaches us anyway: seed 002's answer.
        m = m.toBuilder().type(MessageType.UNFILLED).reason(REASON_NOT_FOUND_AS_CITED).build();
        warnings.add(Texts.TEXTS.en("warn.conditionalAsUnfilled"));
      }
      default -> { }
    }

    Map<String, String> attributes = new LinkedHashMap<>(m.attributes());
    String note = m.note();
    if (!partner.notesAllowed()) {
      if (m.type() == MessageType.NOTE) {
        return new OutboundDecision.Skip(Texts.TEXTS.en("skip.note"));
      }
      boolean dropped = attributes.keySet().removeIf(k -> k.endsWith("-note"));
      if (!isBlank(note) || dropped) {
        note = null;
        warnings.add(Texts.TEXTS.en("warn.noteDropped"));
      }
    }

    Item item = m.item();
    if (m.type() == MessageType.REQUEST) {
      Defaults defaults = this.defaults.forPartner(partner, warnings);
      List<String> missing = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      completeSearchType(m, attributes, missing, bad, defaults);
      if (item == null || isBlank(item.title())) {
        missing.add(Texts.TEXTS.en("field.title"));
      }
      if (item != null && isBlank(item.verificationSource())) {
        if (isBlank(defaults.verificationSource())) {
          missing.add(Texts.TEXTS.en("field.verified"));
        } else {
          item = withVerificationSource(item, defaults.verificationSource().trim());
        }
      } else if (item == null) {
        missing.add(Texts.TEXTS.en("field.verified"));
      }
      if (!hasDeliveryAddress(attributes)) {
        if (isBlank(defaults.shipTo())) {
          missing.add(Texts.TEXTS.en("field.shipTo"));
        } else {
          attributes.put(ATTR_DELIVERY_ADDRESS, defaults.shipTo().trim());
        }
      }
      if (!bad.isEmpty()) {
        return new OutboundDecision.Refuse(Texts.TEXTS.en("refuse.badDate", String.join(", ", bad)));
      }
      if (!missing.isEmpty()) {
        return new OutboundDecision.Refuse(Texts.TEXTS.en("refuse.request", String.join(", ", missing)));
      }
    }
    checkEndpoints(partner, warnings);

    IllMessage out = new IllMessage(m.type(), m.requesterTransactionId(), m.supplierTransactionId(),
        m.sender(), m.recipient(), m.timestamp(), m.serviceType(), item, m.patron(), m.reason(),
        m.answer(), m.dueDate(), note, attributes, m.warnings());
    if (out.equals(message) && warnings.isEmpty()) {
      return OutboundDecision.send(message);
    }
    return new OutboundDecision.Send(out, warnings);
  }

  /**
   * Seed 002: "you must include one of the following data elements: Service level, NeedBefore or
   * Expiry date value". Keeps what the request has (dates must be real YYYYMMDD dates), else
   * applies the default service level, else a need-before date N days ahead.
   */
  private void completeSearchType(IllMessage m, Map<String, String> attributes,
      List<String> missing, List<String> bad, Defaults defaults) {
    boolean has = false;
    for (String key : List.of(ATTR_NEED_BEFORE_DATE, ATTR_EXPIRY_DATE)) {
      String value = attributes.get(key);
      if (!isBlank(value)) {
        try {
          LocalDate.parse(value.trim(), ISO_DATE);
          has = true;
        } catch (DateTimeParseException e) {
          bad.add(value.trim());
        }
      }
    }
    has |= !isBlank(attributes.get(ATTR_LEVEL_OF_SERVICE));
    if (has || !bad.isEmpty()) {
      return;
    }
    if (!isBlank(defaults.serviceLevel())) {
      attributes.put(ATTR_LEVEL_OF_SERVICE, defaults.serviceLevel().trim());
    } else if (defaults.needBeforeDays() > 0) {
      Instant from = m.timestamp() != null ? m.timestamp() : clock.instant();
      LocalDate date = from.atZone(ZoneOffset.UTC).toLocalDate().plusDays(defaults.needBeforeDays());
      attributes.put(ATTR_NEED_BEFORE_DATE, ISO_DATE.format(date));
    } else {
      missing.add(Texts.TEXTS.en("field.searchType"));
    }
  }

  /** Seed 002: "OCLC uses TCP/IP to communicate the ISOILL messages to your system." */
  private static void checkEndpoints(Partner partner, List<String> warnings) {
    for (Endpoint endpoint : partner.endpoints()) {
      String scheme = endpoint.uri().getScheme();
      if (scheme != null && !scheme.equalsIgnoreCase("tcp")) {
        warnings.add(Texts.TEXTS.en("warn.endpointNotTcp", endpoint.uri().toString()));
      }
    }
  }

  private static Item withVerificationSource(Item i, String source) {
    return new Item(i.title(), i.author(), i.isbn(), i.issn(), i.oclcNumber(), i.systemNumber(),
        i.publisher(), i.publicationDate(), i.edition(), i.volume(), i.pagesRequested(), source);
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
