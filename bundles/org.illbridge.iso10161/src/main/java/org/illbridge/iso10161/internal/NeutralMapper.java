package org.illbridge.iso10161.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.ReasonCodes;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.ServiceType;
import org.illbridge.iso10161.*;

/**
 * APDU records to neutral {@link IllMessage}s and back. The table is in the bundle README.
 *
 * <p>Lossless round trip: everything with a neutral field goes there; the most useful other
 * components are copied to readable {@code iso10161.*} attributes; and the whole APDU minus its
 * patron data (Client-Id, which lives in {@link Patron}) is kept as {@value #A_APDU} (base64 DER).
 * Encoding starts from that template when its type matches and overlays every neutral field, so
 * a dialect that rewrites a neutral field wins and nothing else is lost.
 */
public final class NeutralMapper {

  public static final String P = "iso10161.";
  public static final String A_APDU = P + "apdu";
  public static final String A_SENDER_ROLE = P + "sender-role";
  public static final String A_INITIAL_REQUESTER = P + "initial-requester-id";
  public static final String A_REQUESTER_NAME = P + "requester-name";
  public static final String A_RESPONDER_NAME = P + "responder-name";
  public static final String A_SERVICE_DATE = P + "service-date";
  public static final String A_SERVICE_TIME = P + "service-time";
  public static final String A_PROTOCOL_VERSION = P + "protocol-version";
  public static final String A_SERVICE_TYPES = P + "service-types";
  public static final String A_TRANSACTION_RESULTS = P + "transaction-results";
  public static final String A_NEED_BEFORE = P + "need-before-date";
  public static final String A_DATE_SHIPPED = P + "date-shipped";
  public static final String A_DATE_RECEIVED = P + "date-received";
  public static final String A_DATE_RETURNED = P + "date-returned";
  public static final String A_DATE_CHECKED_IN = P + "date-checked-in";
  public static final String A_RETRY_DATE = P + "retry-date";
  public static final String A_SUPPLY_DATE = P + "supply-date";
  public static final String A_DATE_FOR_REPLY = P + "date-for-reply";
  public static final String A_ESTIMATED_DATE = P + "estimated-date-available";
  public static final String A_COST_ESTIMATE = P + "cost-estimate";
  public static final String A_LOCATIONS = P + "locations";
  public static final String A_RENEWABLE = P + "renewable";
  public static final String A_COST = P + "cost";
  public static final String A_MAX_COST = P + "maximum-cost";
  public static final String A_SHIPPED_VIA = P + "shipped-via";
  public static final String A_RETURNED_VIA = P + "returned-via";
  public static final String A_DELIVERY_SERVICE = P + "delivery-service";
  public static final String A_COPYRIGHT = P + "copyright-compliance";
  public static final String A_ERROR = P + "error";
  public static final String A_CURRENT_STATE = P + "current-state";
  public static final String A_INTERMEDIARY = P + "intermediary-id";
  public static final String A_EXTENSION_OIDS = P + "extensions";

  // Shared with the dialects (Alma, OCLC, ...): they read or write these on the neutral message.
  /** APDU-Delivery-Info (1.0.10161.13.3) sender identity, {@code SCHEME:VALUE}. */
  public static final String A_DELIVERY_INFO_SENDER = P + "apdu-delivery-info.sender";
  /** APDU-Delivery-Info (1.0.10161.13.3) recipient identity, {@code SCHEME:VALUE}. */
  public static final String A_DELIVERY_INFO_RECIPIENT = P + "apdu-delivery-info.recipient";
  /** Transaction-Type of ILL-Request and Shipped: simple, chained or partitioned. */
  public static final String A_TRANSACTION_TYPE = P + "transaction-type";
  /** Search-Type.level-of-service (text). */
  public static final String A_LEVEL_OF_SERVICE = P + "level-of-service";
  /** Search-Type.expiry-date (ISO-Date YYYYMMDD). */
  public static final String A_EXPIRY_DATE = P + "expiry-date";
  /** Search-Type.expiry-flag, only when it is not the one implied by the expiry date. */
  public static final String A_EXPIRY_FLAG = P + "expiry-flag";
  /** Delivery-Address as free text, postal address lines separated by newlines. */
  public static final String A_DELIVERY_ADDRESS = P + "delivery-address";
  /** Prefix of the structured Delivery-Address parts ({@code iso10161.delivery.city}, ...). */
  public static final String A_DELIVERY = P + "delivery.";
  static final String D_NAME = A_DELIVERY + "name";
  static final String D_EXTENDED = A_DELIVERY + "extended";
  static final String D_STREET = A_DELIVERY + "street";
  static final String D_PO_BOX = A_DELIVERY + "po-box";
  static final String D_CITY = A_DELIVERY + "city";
  static final String D_REGION = A_DELIVERY + "region";
  static final String D_COUNTRY = A_DELIVERY + "country";
  static final String D_POSTAL_CODE = A_DELIVERY + "postal-code";
  static final String D_ELECTRONIC = A_DELIVERY + "electronic";
  /** The structured postal parts, in postal-label order. */
  static final List<String> POSTAL_KEYS = List.of(D_NAME, D_EXTENDED, D_STREET, D_PO_BOX, D_CITY,
      D_REGION, D_COUNTRY, D_POSTAL_CODE);

  private NeutralMapper() {}

  // ================================================================ transaction id

  /**
   * The neutral requester transaction id: {@code group/qualifier} or {@code
   * group/qualifier/sub-qualifier}, each part with {@code \} and {@code /} escaped by {@code \}.
   */
  public static String transactionIdText(TransactionId t) {
    StringBuilder sb = new StringBuilder();
    if (t.groupQualifier().value().isEmpty() && t.subQualifier() == null) {
      // No group qualifier (the bridge's own ids, e.g. IB...-1): the qualifier alone, which
      // parseTransactionId reads back the same, so an answer matches the id that was sent.
      escape(sb, t.qualifier().value());
      return sb.toString();
    }
    escape(sb, t.groupQualifier().value());
    sb.append('/');
    escape(sb, t.qualifier().value());
    if (t.subQualifier() != null) {
      sb.append('/');
      escape(sb, t.subQualifier().value());
    }
    return sb.toString();
  }

  /** Inverse of {@link #transactionIdText}; a text without '/' is taken as the qualifier alone. */
  public static TransactionId parseTransactionId(String text, SystemId initialRequester)
      throws IllCodecException {
    List<String> parts = new ArrayList<>(3);
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
      } else if (c == '/') {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    if (parts.size() == 1) {
      parts.add(0, "");
    }
    if (parts.size() > 3 || parts.get(1).isEmpty()) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_VALUE, "requesterTransactionId",
          "not group/qualifier[/sub-qualifier]: " + text);
    }
    return new TransactionId(initialRequester, IllString.of(parts.get(0)),
        IllString.of(parts.get(1)), parts.size() == 3 ? IllString.of(parts.get(2)) : null);
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '/') {
        sb.append('\\');
      }
      sb.append(c);
    }
  }

  // ================================================================ agencies

  /** A symbol as an agency id: {@code SCHEME:VALUE} when it says so, ISIL when it looks like one. */
  public static AgencyId agency(SystemId id) {
    if (id == null || id.symbol() == null || id.symbol().value().value().isBlank()) {
      return null;
    }
    // trim() as AgencyId does: it also drops control characters, which isBlank() keeps
    String s = id.symbol().value().value().trim();
    if (s.isEmpty()) {
      return null;
    }
    int colon = s.indexOf(':');
    if (colon > 0 && AgencyIdScheme.parse(s.substring(0, colon)) != AgencyIdScheme.OTHER
        && !s.substring(colon + 1).trim().isEmpty()) {
      return AgencyId.parse(s);
    }
    if (s.matches("[A-Za-z]{2}-.+")) {
      return new AgencyId(AgencyIdScheme.ISIL, s);
    }
    return new AgencyId(AgencyIdScheme.OTHER, s);
  }

  /** Agency id to symbol: the bare value for ISIL and OTHER, {@code SCHEME:VALUE} otherwise. */
  public static SystemId systemId(AgencyId a, String name) {
    if (a == null && name == null) {
      return null;
    }
    PersonOrInstitutionSymbol sym = null;
    if (a != null) {
      String text = a.scheme() == AgencyIdScheme.ISIL || a.scheme() == AgencyIdScheme.OTHER
          ? a.value() : a.toString();
      sym = new PersonOrInstitutionSymbol(PartyKind.INSTITUTION, IllString.of(text));
    }
    return new SystemId(sym, name == null ? null
        : new NameOfPersonOrInstitution(PartyKind.INSTITUTION, IllString.of(name)));
  }

  // ================================================================ APDU -> neutral

  public static IllMessage toNeutral(IllApdu apdu, Partner partner) throws IllCodecException {
    MessageType type = messageType(apdu);
    IllMessage.Builder b = IllMessage.builder(type);
    ApduHeader h = apdu.header();
    b.requesterTransactionId(transactionIdText(h.transactionId()));
    AgencyId requester = agency(h.requesterId());
    AgencyId responder = agency(h.responderId());
    boolean senderIsResponder = type.sender() == Role.SUPPLIER
        || (type.sender() == null && partner != null && responder != null
            && partner.ids().contains(responder));
    b.sender(senderIsResponder ? responder : requester)
        .recipient(senderIsResponder ? requester : responder)
        .attribute(A_SENDER_ROLE, senderIsResponder ? "responder" : "requester")
        .attribute(A_PROTOCOL_VERSION, Integer.toString(h.protocolVersion()));
    put(b, A_REQUESTER_NAME, nameText(h.requesterId()));
    put(b, A_RESPONDER_NAME, nameText(h.responderId()));
    SystemId initial = h.transactionId().initialRequesterId();
    if (initial != null && agency(initial) != null) {
      b.attribute(A_INITIAL_REQUESTER, agency(initial).toString());
    }
    IsoDateTime when = h.serviceDateTime().thisService();
    b.attribute(A_SERVICE_DATE, when.date());
    put(b, A_SERVICE_TIME, when.time());
    b.timestamp(instant(when));

    switch (apdu.type()) {
      case ILL_REQUEST -> request((IllRequest) apdu, b);
      case FORWARD_NOTIFICATION -> {
        ForwardNotification f = (ForwardNotification) apdu;
        AgencyId mid = agency(f.intermediaryId());
        put(b, A_INTERMEDIARY, mid == null ? null : mid.toString());
        b.note(IllString.text(f.notificationNote()));
      }
      case SHIPPED -> shipped((Shipped) apdu, b);
      case ILL_ANSWER -> answer((IllAnswer) apdu, b);
      case CONDITIONAL_REPLY -> {
        ConditionalReply c = (ConditionalReply) apdu;
        b.answer(c.answer()).note(IllString.text(c.requesterNote()));
      }
      case CANCEL -> b.note(IllString.text(((Cancel) apdu).requesterNote()));
      case CANCEL_REPLY -> {
        CancelReply c = (CancelReply) apdu;
        b.answer(c.answer()).note(IllString.text(c.responderNote()));
      }
      case RECEIVED -> {
        Received r = (Received) apdu;
        b.attribute(A_DATE_RECEIVED, r.dateReceived())
            .serviceType(serviceType(r.shippedServiceType()))
            .note(IllString.text(r.requesterNote()));
      }
      case RECALL -> b.note(IllString.text(((Recall) apdu).responderNote()));
      case RETURNED -> {
        Returned r = (Returned) apdu;
        b.attribute(A_DATE_RETURNED, r.dateReturned()).note(IllString.text(r.requesterNote()));
        put(b, A_RETURNED_VIA, IllString.text(r.returnedVia()));
      }
      case CHECKED_IN -> {
        CheckedIn c = (CheckedIn) apdu;
        b.attribute(A_DATE_CHECKED_IN, c.dateCheckedIn()).note(IllString.text(c.responderNote()));
      }
      case OVERDUE -> {
        Overdue o = (Overdue) apdu;
        dateDue(b, o.dateDue());
        b.note(IllString.text(o.responderNote()));
      }
      case RENEW -> {
        Renew r = (Renew) apdu;
        b.dueDate(IsoDates.parseDate(r.desiredDueDate())).note(IllString.text(r.requesterNote()));
      }
      case RENEW_ANSWER -> {
        RenewAnswer r = (RenewAnswer) apdu;
        b.answer(r.answer()).note(IllString.text(r.responderNote()));
        dateDue(b, r.dateDue());
      }
      case LOST -> b.note(IllString.text(((Lost) apdu).note()));
      case DAMAGED -> b.note(IllString.text(((Damaged) apdu).note()));
      case MESSAGE -> b.note(IllString.text(((Message) apdu).note()));
      case STATUS_QUERY -> b.note(IllString.text(((StatusQuery) apdu).note()));
      case STATUS_OR_ERROR_REPORT -> report((StatusOrErrorReport) apdu, b);
      case EXPIRED -> { }
      default -> throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "no neutral form for " + apdu.type());
    }
    if (!apdu.extensions().isEmpty()) {
      StringBuilder oids = new StringBuilder();
      for (Extension e : apdu.extensions()) {
        String kind = e.item() instanceof ApduDeliveryInfo ? ApduDeliveryInfo.OID
            : e.item() instanceof OclcIllRequestExtension ? OclcIllRequestExtension.OID : "opaque";
        oids.append(oids.length() == 0 ? "" : ",").append(kind);
      }
      b.attribute(A_EXTENSION_OIDS, oids.toString());
      ApduDeliveryInfo info = deliveryInfo(apdu.extensions());
      if (info != null) {
        AgencyId[] who = identities(info);
        put(b, A_DELIVERY_INFO_SENDER, who[0] == null ? null : who[0].toString());
        put(b, A_DELIVERY_INFO_RECIPIENT, who[1] == null ? null : who[1].toString());
      }
    }
    b.attribute(A_APDU, Base64.getEncoder().encodeToString(ApduEncoder.encode(withoutPatron(apdu))));
    return b.build();
  }

  public static MessageType messageType(IllApdu apdu) {
    return switch (apdu.type()) {
      case ILL_REQUEST -> MessageType.REQUEST;
      case FORWARD_NOTIFICATION -> MessageType.FORWARD_NOTIFICATION;
      case SHIPPED -> MessageType.SHIPPED;
      case ILL_ANSWER -> switch (((IllAnswer) apdu).transactionResults()) {
        case CONDITIONAL -> MessageType.CONDITIONAL;
        case RETRY -> MessageType.RETRY_POSSIBLE;
        case UNFILLED -> MessageType.UNFILLED;
        case LOCATIONS_PROVIDED -> MessageType.LOCATIONS_PROVIDED;
        case WILL_SUPPLY -> MessageType.WILL_SUPPLY;
        case HOLD_PLACED -> MessageType.EXPECT_TO_SUPPLY;
        case ESTIMATE -> MessageType.ESTIMATE;
      };
      case CONDITIONAL_REPLY -> MessageType.CONDITIONAL_REPLY;
      case CANCEL -> MessageType.CANCEL;
      case CANCEL_REPLY -> MessageType.CANCEL_REPLY;
      case RECEIVED -> MessageType.RECEIVED;
      case RECALL -> MessageType.RECALL;
      case RETURNED -> MessageType.RETURNED;
      case CHECKED_IN -> MessageType.CHECKED_IN;
      case OVERDUE -> MessageType.OVERDUE;
      case RENEW -> MessageType.RENEW;
      case RENEW_ANSWER -> MessageType.RENEW_ANSWER;
      case LOST -> MessageType.LOST;
      case DAMAGED -> MessageType.DAMAGED;
      case MESSAGE -> MessageType.NOTE;
      case STATUS_QUERY -> MessageType.STATUS_QUERY;
      case STATUS_OR_ERROR_REPORT -> ((StatusOrErrorReport) apdu).errorReport() != null
          ? MessageType.ERROR_REPORT : MessageType.STATUS_REPORT;
      case EXPIRED -> MessageType.EXPIRED;
      case FORWARD -> throw new IllegalStateException("FORWARD is not an APDU");
    };
  }

  private static void request(IllRequest r, IllMessage.Builder b) {
    List<IllServiceType> types = r.serviceTypes();
    b.serviceType(types.contains(IllServiceType.LOAN)
            && types.contains(IllServiceType.COPY_NON_RETURNABLE)
        ? ServiceType.COPY_OR_LOAN : serviceType(types.get(0)));
    b.attribute(A_SERVICE_TYPES, String.join(",", types.stream().map(NeutralMapper::code).toList()));
    ItemId i = r.itemId();
    b.item(new Item(IllString.text(i.title()), IllString.text(i.author()),
        IllString.text(i.isbn()), IllString.text(i.issn()), null, IllString.text(i.callNumber()),
        IllString.text(i.publisher()), IllString.text(i.publicationDate()),
        IllString.text(i.edition()), IllString.text(i.volumeIssue()),
        IllString.text(i.pagination()), IllString.text(i.verificationReferenceSource())));
    put(b, P + "item.sub-title", IllString.text(i.subTitle()));
    put(b, P + "item.author-of-article", IllString.text(i.authorOfArticle()));
    put(b, P + "item.title-of-article", IllString.text(i.titleOfArticle()));
    put(b, P + "item.place-of-publication", IllString.text(i.placeOfPublication()));
    put(b, P + "item.series-title-number", IllString.text(i.seriesTitleNumber()));
    b.patron(patron(r.clientId()));
    b.attribute(A_TRANSACTION_TYPE, code(r.transactionType()));
    SearchType st = r.searchType();
    if (st != null) {
      put(b, A_LEVEL_OF_SERVICE, IllString.text(st.levelOfService()));
      put(b, A_NEED_BEFORE, st.needBeforeDate());
      put(b, A_EXPIRY_DATE, st.expiryDate());
      if (st.expiryFlag() != impliedExpiryFlag(st.expiryDate())) {
        b.attribute(A_EXPIRY_FLAG, code(st.expiryFlag()));
      }
    }
    if (r.costInfo() != null) {
      put(b, A_MAX_COST, amountText(r.costInfo().maximumCost()));
    }
    if (r.deliveryService() instanceof DeliveryService.Physical p) {
      put(b, A_DELIVERY_SERVICE, IllString.text(p.transportationMode()));
    }
    put(b, A_COPYRIGHT, IllString.text(r.copyrightCompliance()));
    deliveryAttributes(r.deliveryAddress()).forEach(b::attribute);
    b.note(IllString.text(r.requesterNote()));
  }

  private static void shipped(Shipped s, IllMessage.Builder b) {
    b.attribute(A_TRANSACTION_TYPE, code(s.transactionType()));
    b.serviceType(serviceType(s.shippedServiceType())).note(IllString.text(s.responderNote()));
    b.patron(patron(s.clientId()));
    SupplyDetails d = s.supplyDetails();
    put(b, A_DATE_SHIPPED, d.dateShipped());
    dateDue(b, d.dateDue());
    put(b, A_COST, amountText(d.cost()));
    put(b, A_SHIPPED_VIA, IllString.text(d.shippedViaPhysical()));
    if (d.shippedConditions() != null) {
      b.attribute(P + "shipped-conditions", code(d.shippedConditions()));
    }
  }

  private static void answer(IllAnswer a, IllMessage.Builder b) {
    b.attribute(A_TRANSACTION_RESULTS, code(a.transactionResults()))
        .note(IllString.text(a.responderNote()));
    List<LocationInfo> locations = List.of();
    ResultsExplanation re = a.resultsExplanation();
    if (re != null && !explains(a.transactionResults(), re)) {
      // e.g. transaction-results conditional with a retry explanation: read nothing from it
      // (it stays in the template and goes back as it came unless a reason is set)
      b.warning("ISO 10161 ILL-Answer: the results explanation (" + re.getClass().getSimpleName()
          + ") does not match the transaction results (" + code(a.transactionResults())
          + "); its reason was not read");
      re = null;
    }
    if (re instanceof ConditionalResults c) {
      b.reason(code(c.conditions()));
      put(b, A_DATE_FOR_REPLY, c.dateForReply());
      locations = c.locations();
    } else if (re instanceof RetryResults r) {
      b.reason(code(r.reasonNotAvailable()));
      put(b, A_RETRY_DATE, r.retryDate());
      locations = r.locations();
    } else if (re instanceof UnfilledResults u) {
      b.reason(code(u.reasonUnfilled()));
      locations = u.locations();
    } else if (re instanceof LocationsResults l) {
      b.reason(code(l.reasonLocsProvided()));
      locations = l.locations();
    } else if (re instanceof WillSupplyResults w) {
      b.reason(code(w.reasonWillSupply()));
      put(b, A_SUPPLY_DATE, w.supplyDate());
      locations = w.locations();
    } else if (re instanceof HoldPlacedResults h) {
      put(b, A_ESTIMATED_DATE, h.estimatedDateAvailable());
      locations = h.locations();
    } else if (re instanceof EstimateResults e) {
      b.attribute(A_COST_ESTIMATE, e.costEstimate().value());
      locations = e.locations();
    }
    if (!locations.isEmpty()) {
      List<String> ids = new ArrayList<>();
      for (LocationInfo l : locations) {
        AgencyId id = agency(l.id());
        if (id != null) {
          ids.add(id.toString());
        }
      }
      b.attribute(A_LOCATIONS, String.join(",", ids));
    }
  }

  private static void report(StatusOrErrorReport r, IllMessage.Builder b) {
    b.note(IllString.text(r.note()));
    if (r.errorReport() != null) {
      ErrorReport e = r.errorReport();
      String reason;
      if (e.providerErrorReport() instanceof ProviderErrorReport.General g) {
        reason = code(g.problem());
      } else if (e.providerErrorReport() instanceof ProviderErrorReport.TransactionIdProblemReport t) {
        reason = code(t.problem());
      } else if (e.providerErrorReport()
          instanceof ProviderErrorReport.StateTransitionProhibited st) {
        reason = "state-transition-prohibited";
        b.attribute(A_ERROR, code(st.apduType()) + " in " + code(st.currentState()));
      } else if (e.userErrorReport() instanceof UserErrorReport.AlreadyForwarded) {
        reason = "already-forwarded";
      } else if (e.userErrorReport() instanceof UserErrorReport.IntermediaryProblem) {
        reason = "cannot-send-onward";
      } else if (e.userErrorReport() instanceof UserErrorReport.SecurityProblem s) {
        reason = "security-problem";
        b.attribute(A_ERROR, s.text().value());
      } else if (e.userErrorReport() instanceof UserErrorReport.UnableToPerformReport u) {
        reason = code(u.reason());
      } else {
        reason = code(e.reportSource());
      }
      b.reason(reason);
    } else if (r.statusReport() != null) {
      b.attribute(A_CURRENT_STATE, code(r.statusReport().providerStatusReport()));
    } else if (r.reasonNoReport() != null) {
      b.reason(code(r.reasonNoReport()));
    }
  }

  // ================================================================ neutral -> APDU

  public static IllApdu fromNeutral(IllMessage m, Partner partner) throws IllCodecException {
    Map<String, String> at = m.attributes();
    IllApdu template = null;
    String t64 = at.get(A_APDU);
    if (t64 != null) {
      try {
        template = ApduDecoder.decode(Base64.getDecoder().decode(t64), BerCodec_MAX);
      } catch (IllegalArgumentException e) {
        throw new IllCodecException(Kind.MALFORMED, A_APDU, "not base64");
      }
    }
    ApduType wanted = apduType(m.type());
    if (template != null && template.type() != wanted) {
      template = null;
    }
    ApduHeader h = header(m, template, partner);
    List<Extension> exts = extensions(at, template);
    String note = m.note();
    IllString noteS = keepForm(note, noteOf(template));
    return switch (wanted) {
      case ILL_REQUEST -> request(m, (IllRequest) template, h, exts);
      case FORWARD_NOTIFICATION -> {
        ForwardNotification f = (ForwardNotification) template;
        AgencyId mid = at.get(A_INTERMEDIARY) == null ? null : AgencyId.parse(at.get(A_INTERMEDIARY));
        yield new ForwardNotification(h, f == null ? null : f.responderAddress(),
            mid != null ? systemId(mid, null) : f != null ? f.intermediaryId()
                : ApduEncoder.need(null, "FORWARD_NOTIFICATION", "intermediary-id"),
            noteS, exts);
      }
      case SHIPPED -> shipped(m, (Shipped) template, h, exts);
      case ILL_ANSWER -> answer(m, (IllAnswer) template, h, exts);
      case CONDITIONAL_REPLY -> new ConditionalReply(h, bool(m.answer()), noteS,
          exts);
      case CANCEL -> new Cancel(h, noteS, exts);
      case CANCEL_REPLY -> new CancelReply(h, bool(m.answer()), noteS, exts);
      case RECEIVED -> {
        Received r = (Received) template;
        yield new Received(h, r == null ? null : r.supplierId(),
            r == null ? null : r.supplementalItemDescription(),
            dateAttr(at, A_DATE_RECEIVED, m),
            shippedType(m.serviceType(), r == null ? null : r.shippedServiceType()),
            noteS, exts);
      }
      case RECALL -> new Recall(h, noteS, exts);
      case RETURNED -> {
        Returned r = (Returned) template;
        String via = at.get(A_RETURNED_VIA);
        yield new Returned(h, r == null ? null : r.supplementalItemDescription(),
            dateAttr(at, A_DATE_RETURNED, m), IllString.of(via),
            r == null ? null : r.insuredFor(), noteS, exts);
      }
      case CHECKED_IN -> new CheckedIn(h, dateAttr(at, A_DATE_CHECKED_IN, m), noteS,
          exts);
      case OVERDUE -> {
        DateDue d = dateDue(m, template == null ? null : ((Overdue) template).dateDue());
        yield new Overdue(h, ApduEncoder.need(d, "OVERDUE", "date-due"), noteS, exts);
      }
      case RENEW -> {
        String td = template == null ? null : ((Renew) template).desiredDueDate();
        // a date that does not parse (no neutral dueDate) goes back as it came
        yield new Renew(h, td != null && java.util.Objects.equals(IsoDates.parseDate(td),
            m.dueDate()) ? td : IsoDates.format(m.dueDate()), noteS, exts);
      }
      case RENEW_ANSWER -> new RenewAnswer(h, bool(m.answer()),
          dateDue(m, template == null ? null : ((RenewAnswer) template).dateDue()), noteS,
          exts);
      case LOST -> new Lost(h, noteS, exts);
      case DAMAGED -> new Damaged(h, template == null ? null : ((Damaged) template).damagedDetails(),
          noteS, exts);
      case MESSAGE -> new Message(h, noteS == null ? IllString.of("") : noteS, exts);
      case STATUS_QUERY -> new StatusQuery(h, noteS, exts);
      case STATUS_OR_ERROR_REPORT -> report(m, (StatusOrErrorReport) template, h, exts);
      case EXPIRED -> new Expired(h, exts);
      default -> throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "no ISO 10161 APDU for " + m.type());
    };
  }

  private static final int BerCodec_MAX = BerCodec.DEFAULT_MAX_APDU_SIZE;

  public static ApduType apduType(MessageType t) throws IllCodecException {
    return switch (t) {
      case REQUEST -> ApduType.ILL_REQUEST;
      case FORWARD_NOTIFICATION -> ApduType.FORWARD_NOTIFICATION;
      case SHIPPED -> ApduType.SHIPPED;
      case EXPECT_TO_SUPPLY, WILL_SUPPLY, CONDITIONAL, UNFILLED, RETRY_POSSIBLE,
          LOCATIONS_PROVIDED, ESTIMATE -> ApduType.ILL_ANSWER;
      case CONDITIONAL_REPLY -> ApduType.CONDITIONAL_REPLY;
      case CANCEL -> ApduType.CANCEL;
      case CANCEL_REPLY -> ApduType.CANCEL_REPLY;
      case RECEIVED -> ApduType.RECEIVED;
      case RECALL -> ApduType.RECALL;
      case RETURNED -> ApduType.RETURNED;
      case CHECKED_IN -> ApduType.CHECKED_IN;
      case OVERDUE -> ApduType.OVERDUE;
      case RENEW -> ApduType.RENEW;
      case RENEW_ANSWER -> ApduType.RENEW_ANSWER;
      case LOST -> ApduType.LOST;
      case DAMAGED -> ApduType.DAMAGED;
      case NOTE -> ApduType.MESSAGE;
      case STATUS_QUERY -> ApduType.STATUS_QUERY;
      case STATUS_REPORT, ERROR_REPORT -> ApduType.STATUS_OR_ERROR_REPORT;
      case EXPIRED -> ApduType.EXPIRED;
      case COMPLETED_WITHOUT_RETURN -> throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "ISO 10161 has no service for " + t);
    };
  }

  private static ApduHeader header(IllMessage m, IllApdu template, Partner partner)
      throws IllCodecException {
    Map<String, String> at = m.attributes();
    ApduHeader th = template == null ? null : template.header();
    boolean senderIsResponder = m.type().sender() == Role.SUPPLIER
        || (m.type().sender() == null && "responder".equals(at.get(A_SENDER_ROLE)));
    AgencyId requester = senderIsResponder ? m.recipient() : m.sender();
    AgencyId responder = senderIsResponder ? m.sender() : m.recipient();
    SystemId initial = th != null ? th.transactionId().initialRequesterId()
        : at.get(A_INITIAL_REQUESTER) != null
            ? systemId(AgencyId.parse(at.get(A_INITIAL_REQUESTER)), null) : null;
    String rtid = ApduEncoder.need(m.requesterTransactionId(), m.type().name(),
        "requesterTransactionId");
    TransactionId tid = th != null && transactionIdText(th.transactionId()).equals(rtid)
        ? th.transactionId() : parseTransactionId(rtid, initial);
    IsoDateTime original = th == null ? null : th.serviceDateTime().originalService();
    int version = th != null ? th.protocolVersion() : 2;
    // keep the template's System-Ids (person/institution choice, names, string forms) while they
    // still name the same agencies
    SystemId requesterId = th != null && th.requesterId() != null
        && java.util.Objects.equals(agency(th.requesterId()), requester)
        ? th.requesterId() : systemId(requester, at.get(A_REQUESTER_NAME));
    SystemId responderId = th != null && th.responderId() != null
        && java.util.Objects.equals(agency(th.responderId()), responder)
        ? th.responderId() : systemId(responder, at.get(A_RESPONDER_NAME));
    return new ApduHeader(version, tid,
        new ServiceDateTime(dateTime(m.timestamp(), at), original), requesterId, responderId);
  }

  private static IllRequest request(IllMessage m, IllRequest t, ApduHeader h,
      List<Extension> exts) throws IllCodecException {
    Map<String, String> at = m.attributes();
    List<IllServiceType> types = t != null ? t.serviceTypes() : null;
    ServiceType st = m.serviceType() == null ? ServiceType.LOAN : m.serviceType();
    if (types == null || !serviceTypeMatches(types, st)) {
      types = switch (st) {
        case LOAN -> List.of(IllServiceType.LOAN);
        case COPY -> List.of(IllServiceType.COPY_NON_RETURNABLE);
        case COPY_OR_LOAN -> List.of(IllServiceType.COPY_NON_RETURNABLE, IllServiceType.LOAN);
        case LOCATIONS -> List.of(IllServiceType.LOCATIONS);
        case ESTIMATE -> List.of(IllServiceType.ESTIMATE);
        case RESPONDER_SPECIFIC -> List.of(IllServiceType.RESPONDER_SPECIFIC);
      };
    }
    Item item = m.item() == null ? Item.titled(null) : m.item();
    ItemId ti = t == null ? ItemId.titled(null) : t.itemId();
    // keepForm: an item string that did not change keeps its form (EDIFACTString stays one)
    ItemId itemId = new ItemId(ti.itemType(), ti.heldMediumType(),
        keepForm(item.systemNumber(), ti.callNumber()),
        keepForm(item.author(), ti.author()), keepForm(item.title(), ti.title()),
        keep(ti.subTitle(), at, P + "item.sub-title"), ti.sponsoringBody(),
        keep(ti.placeOfPublication(), at, P + "item.place-of-publication"),
        keepForm(item.publisher(), ti.publisher()),
        keep(ti.seriesTitleNumber(), at, P + "item.series-title-number"),
        keepForm(item.volume(), ti.volumeIssue()),
        keepForm(item.edition(), ti.edition()),
        keepForm(item.publicationDate(), ti.publicationDate()),
        ti.publicationDateOfComponent(),
        keep(ti.authorOfArticle(), at, P + "item.author-of-article"),
        keep(ti.titleOfArticle(), at, P + "item.title-of-article"),
        keepForm(item.pagesRequested(), ti.pagination()), ti.nationalBibliographyNo(),
        keepForm(item.isbn(), ti.isbn()), keepForm(item.issn(), ti.issn()), ti.systemNo(),
        ti.additionalNoLetters(),
        keepForm(item.verificationSource(), ti.verificationReferenceSource()));
    ClientId client = clientId(m.patron());
    RequesterOptionalMessages rom = t != null ? t.requesterOptionalMessages()
        : new RequesterOptionalMessages(true, true, MessagingPreference.DESIRES,
            MessagingPreference.DESIRES);
    return new IllRequest(h,
        transactionType(at, t == null ? null : t.transactionType()),
        deliveryAddress(at, t == null ? null : t.deliveryAddress()),
        t == null ? null : t.deliveryService(),
        t == null ? null : t.billingAddress(),
        types,
        t == null ? null : t.responderSpecificService(),
        rom,
        searchType(at, t == null ? null : t.searchType()),
        t == null ? null : t.supplyMediumInfo(),
        t == null ? null : t.placeOnHold(),
        client,
        itemId,
        t == null ? null : t.supplementalItemDescription(),
        t == null ? null : t.costInfo(),
        t != null ? t.copyrightCompliance() : IllString.of(at.get(A_COPYRIGHT)),
        t == null ? null : t.thirdPartyInfo(),
        t != null && t.retryFlag(),
        t != null && t.forwardFlag(),
        keepForm(m.note(), noteOf(t)),
        t == null ? null : t.forwardNote(),
        exts);
  }

  private static Shipped shipped(IllMessage m, Shipped t, ApduHeader h, List<Extension> exts)
      throws IllCodecException {
    Map<String, String> at = m.attributes();
    SupplyDetails td = t == null ? null : t.supplyDetails();
    String shippedVia = at.get(A_SHIPPED_VIA);
    SupplyDetails d = new SupplyDetails(
        td != null ? td.dateShipped()
            : at.getOrDefault(A_DATE_SHIPPED, m.timestamp() == null ? null
                : IsoDates.format(LocalDate.ofInstant(m.timestamp(), ZoneOffset.UTC))),
        dateDue(m, td == null ? null : td.dateDue()),
        td == null ? null : td.chargeableUnits(),
        td == null ? null : td.cost(),
        td == null ? null : td.shippedConditions(),
        td != null ? td.shippedViaPhysical() : IllString.of(shippedVia),
        td == null ? null : td.shippedViaElectronic(),
        td == null ? null : td.insuredFor(),
        td == null ? null : td.returnInsuranceRequired(),
        td == null ? null : td.unitsPerMedium());
    return new Shipped(h,
        t == null ? null : t.responderAddress(),
        t == null ? null : t.intermediaryId(),
        t == null ? null : t.supplierId(),
        clientId(m.patron()),
        transactionType(at, t == null ? null : t.transactionType()),
        t == null ? null : t.supplementalItemDescription(),
        shippedType(m.serviceType(), t == null ? null : t.shippedServiceType()),
        t == null ? null : t.responderOptionalMessages(),
        d,
        t == null ? null : t.returnToAddress(),
        keepForm(m.note(), noteOf(t)),
        exts);
  }

  private static IllAnswer answer(IllMessage m, IllAnswer t, ApduHeader h,
      List<Extension> exts) throws IllCodecException {
    Map<String, String> at = m.attributes();
    String reason = m.reason();
    TransactionResults results = switch (m.type()) {
      case CONDITIONAL -> TransactionResults.CONDITIONAL;
      case RETRY_POSSIBLE -> TransactionResults.RETRY;
      case UNFILLED -> TransactionResults.UNFILLED;
      case LOCATIONS_PROVIDED -> TransactionResults.LOCATIONS_PROVIDED;
      case WILL_SUPPLY -> TransactionResults.WILL_SUPPLY;
      case EXPECT_TO_SUPPLY -> TransactionResults.HOLD_PLACED;
      case ESTIMATE -> TransactionResults.ESTIMATE;
      default -> throw new IllegalStateException(m.type().name());
    };
    ResultsExplanation te = t == null ? null : t.resultsExplanation();
    if (te != null && !explains(results, te)) {
      if (reason == null) {
        // what the partner sent, mismatched as it was (see toNeutral)
        return new IllAnswer(h, results, te, t.responderSpecificResults(),
            t.supplementalItemDescription(), t.sendToList(), t.alreadyTriedList(),
            t.responderOptionalMessages(), keepForm(m.note(), noteOf(t)), exts);
      }
      te = null;
    }
    if (t != null && te == null && reason == null && java.util.stream.Stream.of(A_DATE_FOR_REPLY,
        A_RETRY_DATE, A_SUPPLY_DATE, A_ESTIMATED_DATE, A_COST_ESTIMATE, A_LOCATIONS)
        .noneMatch(at::containsKey)) {
      // the partner sent no results-explanation (it is optional) and nothing was added since
      return new IllAnswer(h, results, null, t.responderSpecificResults(),
          t.supplementalItemDescription(), t.sendToList(), t.alreadyTriedList(),
          t.responderOptionalMessages(), keepForm(m.note(), noteOf(t)), exts);
    }
    ResultsExplanation r = switch (results) {
      case CONDITIONAL -> {
        ConditionalResults c = (ConditionalResults) te;
        yield new ConditionalResults(
            reason != null ? fromCode(Condition.class, reason) : c != null ? c.conditions()
                : Condition.OTHER,
            c != null ? c.dateForReply() : at.get(A_DATE_FOR_REPLY),
            c == null ? null : c.locations(), c == null ? null : c.proposedDeliveryService());
      }
      case RETRY -> {
        RetryResults c = (RetryResults) te;
        yield new RetryResults(reason != null ? reasonCode(reason)
                : c == null ? null : c.reasonNotAvailable(),
            c != null ? c.retryDate() : at.get(A_RETRY_DATE), c == null ? null : c.locations());
      }
      case UNFILLED -> {
        UnfilledResults c = (UnfilledResults) te;
        yield new UnfilledResults(reason != null ? reasonCode(reason)
                : c != null ? c.reasonUnfilled() : ReasonCode.OTHER,
            c == null ? null : c.locations());
      }
      case LOCATIONS_PROVIDED -> {
        LocationsResults c = (LocationsResults) te;
        List<LocationInfo> locs = c != null ? c.locations() : locationsAttr(at);
        if (locs.isEmpty()) {
          throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT,
              "Locations-Results.locations", "no locations (attribute " + A_LOCATIONS + ")");
        }
        yield new LocationsResults(reason != null ? reasonCode(reason)
            : c == null ? null : c.reasonLocsProvided(), locs);
      }
      case WILL_SUPPLY -> {
        WillSupplyResults c = (WillSupplyResults) te;
        yield new WillSupplyResults(reason != null ? reasonCode(reason)
                : c != null ? c.reasonWillSupply() : ReasonCode.BEING_PROCESSED_FOR_SUPPLY,
            c != null ? c.supplyDate() : at.get(A_SUPPLY_DATE),
            c == null ? null : c.returnToAddress(), c == null ? null : c.locations(),
            c == null ? null : c.electronicDeliveryService());
      }
      case HOLD_PLACED -> {
        HoldPlacedResults c = (HoldPlacedResults) te;
        String date = c != null ? c.estimatedDateAvailable() : at.get(A_ESTIMATED_DATE);
        yield date == null ? null : new HoldPlacedResults(date,
            c == null ? null : c.holdPlacedMediumType(), c == null ? null : c.locations());
      }
      case ESTIMATE -> {
        EstimateResults c = (EstimateResults) te;
        String cost = c != null ? c.costEstimate().value() : at.get(A_COST_ESTIMATE);
        yield new EstimateResults(IllString.of(ApduEncoder.need(cost, "Estimate-Results",
            "cost-estimate")), c == null ? null : c.locations());
      }
    };
    return new IllAnswer(h, results, r,
        t == null ? null : t.responderSpecificResults(),
        t == null ? null : t.supplementalItemDescription(),
        t == null ? null : t.sendToList(),
        t == null ? null : t.alreadyTriedList(),
        t == null ? null : t.responderOptionalMessages(),
        keepForm(m.note(), noteOf(t)), exts);
  }

  /** Whether the results explanation is the one the transaction results call for. */
  private static boolean explains(TransactionResults results, ResultsExplanation re) {
    return switch (results) {
      case CONDITIONAL -> re instanceof ConditionalResults;
      case RETRY -> re instanceof RetryResults;
      case UNFILLED -> re instanceof UnfilledResults;
      case LOCATIONS_PROVIDED -> re instanceof LocationsResults;
      case WILL_SUPPLY -> re instanceof WillSupplyResults;
      case HOLD_PLACED -> re instanceof HoldPlacedResults;
      case ESTIMATE -> re instanceof EstimateResults;
    };
  }

  private static StatusOrErrorReport report(IllMessage m, StatusOrErrorReport t, ApduHeader h,
      List<Extension> exts) throws IllCodecException {
    if (t != null && (m.type() == MessageType.ERROR_REPORT) == (t.errorReport() != null)) {
      return new StatusOrErrorReport(h, t.reasonNoReport(), t.statusReport(), t.errorReport(),
          keepForm(m.note(), noteOf(t)), exts);
    }
    if (m.type() == MessageType.ERROR_REPORT) {
      return new StatusOrErrorReport(h, null, null,
          ErrorReports.forReason(m.reason(), m.requesterTransactionId(), null),
          keepForm(m.note(), noteOf(t)), exts);
    }
    return new StatusOrErrorReport(h, ReasonNoReport.TEMPORARY, null, null,
        keepForm(m.note(), noteOf(t)), exts);
  }

  // ================================================================ helpers

  private static IllApdu withoutPatron(IllApdu apdu) {
    if (apdu instanceof IllRequest r && r.clientId() != null) {
      return new IllRequest(r.header(), r.transactionType(), r.deliveryAddress(),
          r.deliveryService(), r.billingAddress(), r.serviceTypes(), r.responderSpecificService(),
          r.requesterOptionalMessages(), r.searchType(), r.supplyMediumInfo(), r.placeOnHold(),
          null, r.itemId(), r.supplementalItemDescription(), r.costInfo(),
          r.copyrightCompliance(), r.thirdPartyInfo(), r.retryFlag(), r.forwardFlag(),
          r.requesterNote(), r.forwardNote(), r.extensions());
    }
    if (apdu instanceof Shipped s && s.clientId() != null) {
      return new Shipped(s.header(), s.responderAddress(), s.intermediaryId(), s.supplierId(),
          null, s.transactionType(), s.supplementalItemDescription(), s.shippedServiceType(),
          s.responderOptionalMessages(), s.supplyDetails(), s.returnToAddress(),
          s.responderNote(), s.extensions());
    }
    return apdu;
  }

  /** The template's string when it still has the same text, so its EDIFACT form survives. */
  private static IllString keepForm(String text, IllString template) {
    if (text == null) {
      return null;
    }
    return template != null && template.value().equals(text) ? template : IllString.of(text);
  }

  private static IllString noteOf(IllApdu t) {
    if (t == null) {
      return null;
    }
    return switch (t.type()) {
      case ILL_REQUEST -> ((IllRequest) t).requesterNote();
      case FORWARD_NOTIFICATION -> ((ForwardNotification) t).notificationNote();
      case SHIPPED -> ((Shipped) t).responderNote();
      case ILL_ANSWER -> ((IllAnswer) t).responderNote();
      case CONDITIONAL_REPLY -> ((ConditionalReply) t).requesterNote();
      case CANCEL -> ((Cancel) t).requesterNote();
      case CANCEL_REPLY -> ((CancelReply) t).responderNote();
      case RECEIVED -> ((Received) t).requesterNote();
      case RECALL -> ((Recall) t).responderNote();
      case RETURNED -> ((Returned) t).requesterNote();
      case CHECKED_IN -> ((CheckedIn) t).responderNote();
      case OVERDUE -> ((Overdue) t).responderNote();
      case RENEW -> ((Renew) t).requesterNote();
      case RENEW_ANSWER -> ((RenewAnswer) t).responderNote();
      case LOST -> ((Lost) t).note();
      case DAMAGED -> ((Damaged) t).note();
      case MESSAGE -> ((Message) t).note();
      case STATUS_QUERY -> ((StatusQuery) t).note();
      case STATUS_OR_ERROR_REPORT -> ((StatusOrErrorReport) t).note();
      default -> null;
    };
  }

  private static Patron patron(ClientId c) {
    return c == null ? null : new Patron(IllString.text(c.identifier()), IllString.text(c.name()),
        IllString.text(c.status()));
  }

  private static ClientId clientId(Patron p) {
    return p == null ? null : new ClientId(IllString.of(p.name()), IllString.of(p.status()),
        IllString.of(p.id()));
  }

  // ---------------------------------------------------------------- APDU-Delivery-Info

  /** The first APDU-Delivery-Info among the extensions, or null. */
  static ApduDeliveryInfo deliveryInfo(List<Extension> extensions) {
    for (Extension e : extensions) {
      if (e.item() instanceof ApduDeliveryInfo d) {
        return d;
      }
    }
    return null;
  }

  /** Sender and recipient identity: the first alias with a symbol on each side (or null). */
  static AgencyId[] identities(ApduDeliveryInfo info) {
    return new AgencyId[] {firstAlias(info.senderInfo()), firstAlias(info.recipientInfo())};
  }

  private static AgencyId firstAlias(List<ApduDeliveryParameters> side) {
    for (ApduDeliveryParameters p : side) {
      for (SystemId alias : p.aliases()) {
        AgencyId id = agency(alias);
        if (id != null) {
          return id;
        }
      }
    }
    return null;
  }

  /**
   * The extensions to send: the template's, with the APDU-Delivery-Info made to agree with the
   * {@value #A_DELIVERY_INFO_SENDER} / {@value #A_DELIVERY_INFO_RECIPIENT} attributes. When they
   * name what the template's extension names, it is kept as it came; when they changed, the
   * aliases of that side are replaced (encoding and transport kept); when they were removed, the
   * extension goes; without a template, a new one is appended (identifier 1 and not critical, as
   * YAZ writes its extensions; encoding BER; an empty System-Address as transport, because the
   * codec does not know the addresses and Alma reads only the aliases).
   */
  static List<Extension> extensions(Map<String, String> at, IllApdu template)
      throws IllCodecException {
    List<Extension> base = template == null ? List.of() : template.extensions();
    AgencyId sender = agencyAttr(at, A_DELIVERY_INFO_SENDER);
    AgencyId recipient = agencyAttr(at, A_DELIVERY_INFO_RECIPIENT);
    int index = -1;
    for (int i = 0; i < base.size() && index < 0; i++) {
      if (base.get(i).item() instanceof ApduDeliveryInfo) {
        index = i;
      }
    }
    ApduDeliveryInfo old = index < 0 ? null : (ApduDeliveryInfo) base.get(index).item();
    AgencyId[] was = old == null ? new AgencyId[2] : identities(old);
    if (java.util.Objects.equals(sender, was[0]) && java.util.Objects.equals(recipient, was[1])) {
      return base;
    }
    List<Extension> out = new ArrayList<>(base);
    if (sender == null && recipient == null) {
      out.remove(index);
      return out;
    }
    ApduDeliveryInfo info = new ApduDeliveryInfo(
        side(old == null ? List.of() : old.senderInfo(), was[0], sender),
        side(old == null ? List.of() : old.recipientInfo(), was[1], recipient),
        old == null ? null : old.transponderInfo());
    if (index < 0) {
      out.add(new Extension(1, false, info));
    } else {
      Extension e = base.get(index);
      out.set(index, new Extension(e.identifier(), e.critical(), info));
    }
    return out;
  }

  /** One side of the APDU-Delivery-Info naming {@code now}, changed as little as possible. */
  private static List<ApduDeliveryParameters> side(List<ApduDeliveryParameters> old, AgencyId was,
      AgencyId now) {
    if (java.util.Objects.equals(was, now) && !old.isEmpty()) {
      return old;
    }
    List<SystemId> aliases = now == null ? List.of() : List.of(systemId(now, null));
    if (old.isEmpty()) {
      return List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER),
          new SystemAddress(null, null), aliases));
    }
    List<ApduDeliveryParameters> out = new ArrayList<>(old);
    ApduDeliveryParameters first = old.get(0);
    out.set(0, new ApduDeliveryParameters(first.encoding(), first.transport(), aliases));
    return out;
  }

  private static AgencyId agencyAttr(Map<String, String> at, String key) throws IllCodecException {
    String v = at.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return AgencyId.parse(v.trim());
    } catch (IllegalArgumentException e) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_VALUE, key,
          "not an agency id SCHEME:VALUE: '" + v + "'");
    }
  }

  // ---------------------------------------------------------------- ILL-Request fields

  static TransactionType transactionType(Map<String, String> at, TransactionType template)
      throws IllCodecException {
    String v = at.get(A_TRANSACTION_TYPE);
    if (v == null || v.isBlank()) {
      return template;
    }
    return fromCode(TransactionType.class, v);
  }

  /** The expiry flag an expiry date implies: other-date with one, no-expiry (DEFAULT) without. */
  static ExpiryFlag impliedExpiryFlag(String expiryDate) {
    return expiryDate == null ? ExpiryFlag.NO_EXPIRY : ExpiryFlag.OTHER_DATE;
  }

  /**
   * Search-Type from {@value #A_LEVEL_OF_SERVICE}, {@value #A_NEED_BEFORE}, {@value
   * #A_EXPIRY_DATE} and {@value #A_EXPIRY_FLAG}; null when all are absent.
   */
  static SearchType searchType(Map<String, String> at, SearchType t) throws IllCodecException {
    String level = blankToNull(at.get(A_LEVEL_OF_SERVICE));
    String needBefore = isoDateAttr(at, A_NEED_BEFORE, t == null ? null : t.needBeforeDate());
    String expiry = isoDateAttr(at, A_EXPIRY_DATE, t == null ? null : t.expiryDate());
    String flagText = blankToNull(at.get(A_EXPIRY_FLAG));
    ExpiryFlag flag = flagText != null ? fromCode(ExpiryFlag.class, flagText)
        : impliedExpiryFlag(expiry);
    SearchType st = new SearchType(keepForm(level, t == null ? null : t.levelOfService()),
        needBefore, flag, expiry);
    if (st.equals(t)) {
      return t;
    }
    if (level == null && needBefore == null && expiry == null && flag == ExpiryFlag.NO_EXPIRY) {
      return null;
    }
    return st;
  }

  /** An ISO-Date attribute: YYYYMMDD and a real date, unless it is what the template has. */
  private static String isoDateAttr(Map<String, String> at, String key, String template)
      throws IllCodecException {
    String v = at.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.equals(template)) {
      return v;
    }
    String d = v.trim();
    if (IsoDates.parseDate(d) == null) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_VALUE, key,
          "not an ISO-Date YYYYMMDD: '" + v + "'");
    }
    return d;
  }

  // ---------------------------------------------------------------- Delivery-Address

  /**
   * A Delivery-Address as attributes: the structured parts ({@code iso10161.delivery.name},
   * {@code .extended}, {@code .street}, {@code .po-box}, {@code .city}, {@code .region}, {@code
   * .country}, {@code .postal-code}, {@code .electronic}) and the postal address as free text in
   * {@value #A_DELIVERY_ADDRESS} (see {@link #addressText}).
   */
  static Map<String, String> deliveryAttributes(DeliveryAddress d) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (d == null) {
      return out;
    }
    PostalAddress a = d.postalAddress();
    if (a != null) {
      putIf(out, D_NAME, a.name() == null ? null : a.name().value().value());
      putIf(out, D_EXTENDED, IllString.text(a.extendedPostalDeliveryAddress()));
      putIf(out, D_STREET, IllString.text(a.streetAndNumber()));
      putIf(out, D_PO_BOX, IllString.text(a.postOfficeBox()));
      putIf(out, D_CITY, IllString.text(a.city()));
      putIf(out, D_REGION, IllString.text(a.region()));
      putIf(out, D_COUNTRY, IllString.text(a.country()));
      putIf(out, D_POSTAL_CODE, IllString.text(a.postalCode()));
      putIf(out, A_DELIVERY_ADDRESS, addressText(a));
    }
    if (d.electronicAddress() != null) {
      putIf(out, D_ELECTRONIC, IllString.text(d.electronicAddress().telecomServiceAddress()));
    }
    return out;
  }

  /**
   * A postal address as label lines: name, extended address, street, PO box, "city region
   * postal-code", country (absent parts skipped). Inverse of {@link #postalFromText} for up to
   * four lines.
   */
  static String addressText(PostalAddress a) {
    List<String> lines = new ArrayList<>();
    addLine(lines, a.name() == null ? null : a.name().value().value());
    addLine(lines, IllString.text(a.extendedPostalDeliveryAddress()));
    addLine(lines, IllString.text(a.streetAndNumber()));
    addLine(lines, IllString.text(a.postOfficeBox()));
    List<String> town = new ArrayList<>();
    addLine(town, IllString.text(a.city()));
    addLine(town, IllString.text(a.region()));
    addLine(town, IllString.text(a.postalCode()));
    addLine(lines, town.isEmpty() ? null : String.join(" ", town));
    addLine(lines, IllString.text(a.country()));
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  /**
   * Free-text address (the dialects' {@value #A_DELIVERY_ADDRESS}) to a Postal-Address, without
   * guessing at what a line means beyond its place: the first line is the name (of an
   * institution), the last the city (the whole "town region postcode" line), the one before it
   * the street-and-number, any lines between go to extended-postal-delivery-address joined by
   * ", ". One line: name only; two: name and street. Blank lines are skipped.
   */
  static PostalAddress postalFromText(String text) {
    List<String> lines = new ArrayList<>();
    for (String l : text.split("\\R")) {
      addLine(lines, l);
    }
    if (lines.isEmpty()) {
      return null;
    }
    int n = lines.size();
    NameOfPersonOrInstitution name =
        new NameOfPersonOrInstitution(PartyKind.INSTITUTION, IllString.of(lines.get(0)));
    String street = n >= 2 ? lines.get(n >= 3 ? n - 2 : 1) : null;
    String city = n >= 3 ? lines.get(n - 1) : null;
    String extended = n >= 4 ? String.join(", ", lines.subList(1, n - 2)) : null;
    return new PostalAddress(name, IllString.of(extended), IllString.of(street), null,
        IllString.of(city), null, null, null);
  }

  /**
   * The Delivery-Address to send. The template's is kept while the attributes still describe it.
   * Otherwise the free text wins when it was set or changed (it differs from the template's and
   * from what the structured parts say), else the structured parts are used; the electronic
   * address follows {@code iso10161.delivery.electronic}.
   */
  static DeliveryAddress deliveryAddress(Map<String, String> at, DeliveryAddress t) {
    Map<String, String> now = new java.util.LinkedHashMap<>();
    for (String k : POSTAL_KEYS) {
      putIf(now, k, at.get(k));
    }
    Map<String, String> was = deliveryAttributes(t);
    String free = blankToNull(at.get(A_DELIVERY_ADDRESS));
    String freeWas = was.remove(A_DELIVERY_ADDRESS);
    String electronic = blankToNull(at.get(D_ELECTRONIC));
    String electronicWas = was.remove(D_ELECTRONIC);
    PostalAddress tp = t == null ? null : t.postalAddress();
    PostalAddress postal;
    PostalAddress structured = postalFromParts(now, tp);
    if (free != null && !free.strip().equals(freeWas == null ? null : freeWas.strip())
        && (structured == null || !free.strip().equals(addressText(structured)))) {
      postal = postalFromText(free);
    } else if (now.equals(strip(was))) {
      postal = tp;
    } else {
      postal = structured;
    }
    SystemAddress te = t == null ? null : t.electronicAddress();
    SystemAddress eAddress = java.util.Objects.equals(electronic,
        electronicWas == null ? null : electronicWas.strip()) ? te
        : electronic == null ? null : new SystemAddress(null, IllString.of(electronic));
    if (t != null && postal == tp && eAddress == te) {
      return t;
    }
    return postal == null && eAddress == null ? null : new DeliveryAddress(postal, eAddress);
  }

  private static PostalAddress postalFromParts(Map<String, String> p, PostalAddress t) {
    if (p.isEmpty()) {
      return null;
    }
    String name = p.get(D_NAME);
    NameOfPersonOrInstitution n = name == null ? null
        : t != null && t.name() != null && t.name().value().value().strip().equals(name)
            ? t.name() : new NameOfPersonOrInstitution(PartyKind.INSTITUTION, IllString.of(name));
    return new PostalAddress(n,
        keepForm(p.get(D_EXTENDED), t == null ? null : t.extendedPostalDeliveryAddress()),
        keepForm(p.get(D_STREET), t == null ? null : t.streetAndNumber()),
        keepForm(p.get(D_PO_BOX), t == null ? null : t.postOfficeBox()),
        keepForm(p.get(D_CITY), t == null ? null : t.city()),
        keepForm(p.get(D_REGION), t == null ? null : t.region()),
        keepForm(p.get(D_COUNTRY), t == null ? null : t.country()),
        keepForm(p.get(D_POSTAL_CODE), t == null ? null : t.postalCode()));
  }

  private static Map<String, String> strip(Map<String, String> m) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> putIf(out, k, v));
    return out;
  }

  /** Puts the stripped value when it is not blank. */
  private static void putIf(Map<String, String> m, String key, String value) {
    if (value != null && !value.isBlank()) {
      m.put(key, value.strip());
    }
  }

  private static void addLine(List<String> lines, String line) {
    if (line != null && !line.isBlank()) {
      lines.add(line.strip());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static boolean serviceTypeMatches(List<IllServiceType> types, ServiceType st) {
    ServiceType decoded = types.contains(IllServiceType.LOAN)
        && types.contains(IllServiceType.COPY_NON_RETURNABLE)
        ? ServiceType.COPY_OR_LOAN : serviceType(types.get(0));
    return decoded == st;
  }

  static ServiceType serviceType(IllServiceType t) {
    return switch (t) {
      case LOAN -> ServiceType.LOAN;
      case COPY_NON_RETURNABLE -> ServiceType.COPY;
      case LOCATIONS -> ServiceType.LOCATIONS;
      case ESTIMATE -> ServiceType.ESTIMATE;
      case RESPONDER_SPECIFIC -> ServiceType.RESPONDER_SPECIFIC;
    };
  }

  private static IllServiceType shippedType(ServiceType st, IllServiceType fallback)
      throws IllCodecException {
    if (st == ServiceType.COPY) {
      return IllServiceType.COPY_NON_RETURNABLE;
    }
    if (st == ServiceType.LOAN) {
      return IllServiceType.LOAN;
    }
    if (fallback != null) {
      return fallback;
    }
    throw new IllCodecException(Kind.UNRECOGNISED_DATA_VALUE, "shipped-service-type",
        "service type must be LOAN or COPY, was " + st);
  }

  private static boolean bool(Boolean b) throws IllCodecException {
    return ApduEncoder.need(b, "answer", "answer");
  }

  private static IllString keep(IllString templateValue, Map<String, String> at, String key) {
    return templateValue != null ? templateValue : IllString.of(at.get(key));
  }

  private static String dateAttr(Map<String, String> at, String key, IllMessage m) {
    String v = at.get(key);
    if (v != null) {
      return v;
    }
    Instant when = m.timestamp() == null ? Instant.now() : m.timestamp();
    return IsoDates.format(LocalDate.ofInstant(when, ZoneOffset.UTC));
  }

  /**
   * Date-Due from the neutral dueDate; the template's while it still says the same (so a date
   * that does not parse, which has no neutral dueDate, goes back as it came).
   */
  private static DateDue dateDue(IllMessage m, DateDue template) {
    if (template != null && java.util.Objects.equals(template.localDate(), m.dueDate())
        && template.renewable() == !"false".equals(m.attributes().get(A_RENEWABLE))) {
      return template;
    }
    return m.dueDate() == null ? null : dateDue(m, m.dueDate());
  }

  private static DateDue dateDue(IllMessage m, LocalDate date) {
    return new DateDue(IsoDates.format(date), !"false".equals(m.attributes().get(A_RENEWABLE)));
  }

  private static void dateDue(IllMessage.Builder b, DateDue d) {
    if (d != null) {
      b.dueDate(d.localDate());
      if (!d.renewable()) {
        b.attribute(A_RENEWABLE, "false");
      }
    }
  }

  private static List<LocationInfo> locationsAttr(Map<String, String> at) {
    String v = at.get(A_LOCATIONS);
    List<LocationInfo> out = new ArrayList<>();
    if (v != null) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(new LocationInfo(systemId(AgencyId.parse(s.trim()), null), null, null));
        }
      }
    }
    return out;
  }

  /** Service date and time: the attributes when they still describe the timestamp, else UTC. */
  private static IsoDateTime dateTime(Instant ts, Map<String, String> at) {
    String d = at.get(A_SERVICE_DATE);
    String t = at.get(A_SERVICE_TIME);
    if (d != null && (ts == null || ts.equals(instant(new IsoDateTime(d, t))))) {
      return new IsoDateTime(d, t);
    }
    Instant when = ts == null ? Instant.now() : ts;
    LocalDateTime utc = LocalDateTime.ofInstant(when, ZoneOffset.UTC);
    return new IsoDateTime(IsoDates.format(utc.toLocalDate()),
        IsoDates.format(utc.toLocalTime().withNano(0)));
  }

  /** ISO-Date/ISO-Time are local to the sender, whose zone the protocol does not carry: UTC. */
  static Instant instant(IsoDateTime dt) {
    LocalDate d = dt.localDate();
    if (d == null) {
      return null;
    }
    LocalTime t = dt.localTime();
    return LocalDateTime.of(d, t == null ? LocalTime.MIDNIGHT : t).toInstant(ZoneOffset.UTC);
  }

  private static String nameText(SystemId id) {
    return id == null || id.name() == null ? null : id.name().value().value();
  }

  private static String amountText(Amount a) {
    if (a == null) {
      return null;
    }
    return a.currencyCode() == null ? a.monetaryValue() : a.monetaryValue() + " " + a.currencyCode();
  }

  private static void put(IllMessage.Builder b, String key, String value) {
    if (value != null) {
      b.attribute(key, value);
    }
  }

  /** An enum constant as the kebab-case name the standard uses, e.g. in-use-on-loan. */
  public static String code(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Inverse of {@link #code}: accepts the kebab name or the number. */
  /**
   * The ISO 10161 reason code for a neutral reason: one of its own names (or numbers), else the
   * counterpart of an ISO 18626 code (an 18626 lender's answer passed on), else {@code other}: the
   * answer must still reach the requester, the exact value stays in the message log.
   */
  static ReasonCode reasonCode(String reason) {
    try {
      return fromCode(ReasonCode.class, reason);
    } catch (IllCodecException notIso10161) {
      String name = ReasonCodes.toIso10161(reason);
      return name != null ? ReasonCode.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')) : ReasonCode.OTHER;
    }
  }

  static <E extends Enum<E> & IllEnum> E fromCode(Class<E> type, String code)
      throws IllCodecException {
    String norm = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(norm) || Integer.toString(e.code()).equals(code.trim())) {
        return e;
      }
    }
    throw new IllCodecException(Kind.UNRECOGNISED_DATA_VALUE, type.getSimpleName(),
        "no ISO 10161 " + type.getSimpleName() + " for reason '" + code + "'");
  }
}
