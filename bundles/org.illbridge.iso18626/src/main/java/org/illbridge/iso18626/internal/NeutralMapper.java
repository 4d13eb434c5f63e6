package org.illbridge.iso18626.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.ReasonCodes;
import org.illbridge.iso18626.*;

/**
 * Maps ISO 18626 messages to neutral {@link IllMessage}s and back. The table is in the bundle
 * README. Details without a neutral field travel in {@link IllMessage#attributes()} under the
 * {@code iso18626.} keys below, so that an 18626-to-18626 route loses nothing that matters.
 */
public final class NeutralMapper {

  public static final String A_VERSION = "iso18626.version";
  public static final String A_STATUS = "iso18626.status";
  public static final String A_REASON_FOR_MESSAGE = "iso18626.reasonForMessage";
  public static final String A_ACTION = "iso18626.action";
  public static final String A_SENDER_ROLE = "iso18626.senderRole";
  public static final String A_REQUEST_TYPE = "iso18626.requestType";
  public static final String A_PREVIOUS_REQUEST_ID = "iso18626.requestingAgencyPreviousRequestId";
  public static final String A_MULTIPLE_ITEM_REQUEST_ID = "iso18626.multipleItemRequestId";
  public static final String A_SERVICE_LEVEL = "iso18626.serviceLevel";
  public static final String A_NEED_BEFORE = "iso18626.needBeforeDate";
  public static final String A_MAXIMUM_COSTS = "iso18626.maximumCosts";
  public static final String A_OFFERED_COSTS = "iso18626.offeredCosts";
  public static final String A_RETRY_BEFORE = "iso18626.retryBefore";
  public static final String A_RETRY_AFTER = "iso18626.retryAfter";
  public static final String A_EXPECTED_DELIVERY = "iso18626.expectedDeliveryDate";
  public static final String A_ITEM_ID = "iso18626.itemId";
  public static final String A_SENT_VIA = "iso18626.deliveryMethod";
  public static final String A_LOAN_CONDITION = "iso18626.loanCondition";
  public static final String A_SUBTITLE = "iso18626.subtitle";
  public static final String A_TITLE_OF_COMPONENT = "iso18626.titleOfComponent";
  public static final String A_AUTHOR_OF_COMPONENT = "iso18626.authorOfComponent";
  public static final String A_ISSUE = "iso18626.issue";
  public static final String A_PATRON_SURNAME = "iso18626.patronSurname";
  public static final String A_PATRON_GIVEN_NAME = "iso18626.patronGivenName";
  public static final String A_SENDER_ID_TYPE = "iso18626.senderIdType";
  public static final String A_RECIPIENT_ID_TYPE = "iso18626.recipientIdType";
  public static final String A_ERROR_VALUE = "iso18626.errorValue";

  private NeutralMapper() {}

  // ================================================================ 18626 -> neutral

  public static IllMessage toNeutral(Iso18626Document doc) throws CodecException {
    Iso18626Message m = doc.message();
    IllMessage.Builder b;
    if (m instanceof Request r) {
      b = fromRequest(r);
    } else if (m instanceof SupplyingAgencyMessage s) {
      b = fromSupplying(s);
    } else if (m instanceof RequestingAgencyMessage q) {
      b = fromRequesting(q);
    } else {
      b = fromConfirmation(m);
    }
    b.attribute(A_VERSION, doc.version().versionAttribute());
    for (String w : doc.warnings()) {
      b.warning(w);
    }
    return b.build();
  }

  private static IllMessage.Builder header(MessageType type, Header h, boolean fromRequester) {
    IllMessage.Builder b = IllMessage.builder(type);
    if (h == null) {
      return b;
    }
    AgencyId req = agency(h.requestingAgencyId());
    AgencyId sup = agency(h.supplyingAgencyId());
    b.requesterTransactionId(h.requestingAgencyRequestId())
        .supplierTransactionId(h.supplyingAgencyRequestId())
        .sender(fromRequester ? req : sup)
        .recipient(fromRequester ? sup : req)
        .timestamp(h.timestamp() == null ? null : h.timestamp().toInstant());
    idType(b, A_SENDER_ID_TYPE, fromRequester ? h.requestingAgencyId() : h.supplyingAgencyId());
    idType(b, A_RECIPIENT_ID_TYPE, fromRequester ? h.supplyingAgencyId() : h.requestingAgencyId());
    put(b, A_MULTIPLE_ITEM_REQUEST_ID, blankToNull(h.multipleItemRequestId()));
    return b;
  }

  private static IllMessage.Builder fromRequest(Request r) {
    IllMessage.Builder b = header(MessageType.REQUEST, r.header(), true);
    b.attribute(A_SENDER_ROLE, "REQUESTER");
    BibliographicInfo bib = r.bibliographicInfo();
    PublicationInfo pub = r.publicationInfo();
    if (bib != null || pub != null) {
      BibliographicInfo x = bib != null ? bib
          : new BibliographicInfo(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
              null, null, null);
      b.item(new Item(x.title(), x.author(), itemId(x, "ISBN"), itemId(x, "ISSN"), recordId(x, "OCLC"),
          x.supplierUniqueRecordId(), pub == null ? null : pub.publisher(), pub == null ? null : pub.publicationDate(),
          x.edition(), x.volumes().isEmpty() ? null : String.join("; ", x.volumes()), x.pagesRequested(),
          x.informationSource()));
      put(b, A_SUBTITLE, x.subtitle());
      put(b, A_TITLE_OF_COMPONENT, x.titleOfComponent());
      put(b, A_AUTHOR_OF_COMPONENT, x.authorOfComponent());
      put(b, A_ISSUE, x.issue());
    }
    ServiceInfo si = r.serviceInfo();
    if (si != null) {
      b.serviceType(serviceType(si.serviceType()));
      b.note(si.note());
      put(b, A_REQUEST_TYPE, si.requestType() == null ? null : si.requestType().code());
      put(b, A_PREVIOUS_REQUEST_ID, si.requestingAgencyPreviousRequestId());
      put(b, A_SERVICE_LEVEL, si.serviceLevel() == null ? null : si.serviceLevel().value());
      put(b, A_NEED_BEFORE, si.needBeforeDate() == null ? null : si.needBeforeDate().toString());
    }
    PatronInfo p = r.patronInfo();
    if (p != null) {
      String name = joinName(p.givenName(), p.surname());
      b.patron(new Patron(p.patronId(), name, p.patronType() == null ? null : p.patronType().value()));
      put(b, A_PATRON_SURNAME, p.surname());
      put(b, A_PATRON_GIVEN_NAME, p.givenName());
    }
    if (r.billingInfo() != null) {
      put(b, A_MAXIMUM_COSTS, costs(r.billingInfo().maximumCosts()));
    }
    return b;
  }

  private static IllMessage.Builder fromSupplying(SupplyingAgencyMessage s) throws CodecException {
    MessageInfo mi = s.messageInfo();
    Status status = s.statusInfo().status();
    ReasonForMessage reason = mi.reasonForMessage();
    MessageType type = supplierType(reason, status);
    IllMessage.Builder b = header(type, s.header(), false);
    b.attribute(A_SENDER_ROLE, "SUPPLIER");
    b.attribute(A_STATUS, status.code());
    b.attribute(A_REASON_FOR_MESSAGE, reason.code());
    b.note(mi.note());
    if (mi.answerYesNo() != null) {
      b.answer(mi.answerYesNo() == YesNo.Y);
    } else if (type == MessageType.CANCEL_REPLY) {
      b.answer(status == Status.CANCELLED);
    }
    if (mi.reasonUnfilled() != null) {
      b.reason(mi.reasonUnfilled().value());
    } else if (mi.reasonRetry() != null) {
      b.reason(mi.reasonRetry().value());
    }
    StatusInfo st = s.statusInfo();
    if (st.dueDate() != null) {
      b.dueDate(st.dueDate().toLocalDate());
    }
    put(b, A_EXPECTED_DELIVERY, st.expectedDeliveryDate() == null ? null : st.expectedDeliveryDate().toString());
    RetryInfo ri = s.retryInfo();
    if (ri != null) {
      put(b, A_OFFERED_COSTS, ri.offeredCosts().isEmpty() ? null : costs(ri.offeredCosts().get(0)));
      put(b, A_RETRY_BEFORE, ri.retryBefore() == null ? null : ri.retryBefore().toString());
      put(b, A_RETRY_AFTER, ri.retryAfter() == null ? null : ri.retryAfter().toString());
    }
    DeliveryInfo d = s.deliveryInfo();
    if (d != null) {
      put(b, A_ITEM_ID, d.itemIds().isEmpty() ? null : String.join(" ", d.itemIds()));
      put(b, A_SENT_VIA, d.deliveryMethod() == null ? null : d.deliveryMethod().value());
      put(b, A_LOAN_CONDITION, d.loanConditions().isEmpty() ? null : d.loanConditions().get(0).value());
      if (d.serviceType() != null) {
        b.serviceType(serviceType(d.serviceType()));
      }
    }
    if (type == MessageType.SHIPPED && (d == null || d.serviceType() == null)) {
      // 2017 does not say which service was given: the status does.
      b.serviceType(status == Status.COPY_COMPLETED ? org.illbridge.api.model.ServiceType.COPY
          : org.illbridge.api.model.ServiceType.LOAN);
    }
    return b;
  }

  /** The neutral type of a supplying agency message: the reason first, then the status. */
  public static MessageType supplierType(ReasonForMessage reason, Status status) {
    switch (reason) {
      case CANCEL_RESPONSE:
        return MessageType.CANCEL_REPLY;
      case RENEW_RESPONSE:
        return MessageType.RENEW_ANSWER;
      case STATUS_REQUEST_RESPONSE:
        return MessageType.STATUS_REPORT;
      case NOTIFICATION:
        return MessageType.NOTE;
      default:
        break;
    }
    return switch (status) {
      case REQUEST_RECEIVED, HOLD_RETURN, RELEASE_HOLD_RETURN -> MessageType.STATUS_REPORT;
      case EXPECT_TO_SUPPLY -> MessageType.EXPECT_TO_SUPPLY;
      case WILL_SUPPLY -> MessageType.WILL_SUPPLY;
      case LOANED, COPY_COMPLETED -> MessageType.SHIPPED;
      case OVERDUE -> MessageType.OVERDUE;
      case RECALLED -> MessageType.RECALL;
      case RETRY_POSSIBLE -> MessageType.RETRY_POSSIBLE;
      case UNFILLED -> MessageType.UNFILLED;
      case LOAN_COMPLETED -> MessageType.CHECKED_IN;
      case COMPLETED_WITHOUT_RETURN -> MessageType.COMPLETED_WITHOUT_RETURN;
      case CANCELLED -> MessageType.CANCEL_REPLY;
    };
  }

  /** The neutral type of a requesting agency action. */
  public static MessageType requesterType(Action action) {
    return switch (action) {
      case STATUS_REQUEST -> MessageType.STATUS_QUERY;
      case RECEIVED -> MessageType.RECEIVED;
      case CANCEL -> MessageType.CANCEL;
      case RENEW -> MessageType.RENEW;
      case SHIPPED_RETURN, SHIPPED_FORWARD -> MessageType.RETURNED;
      case NOTIFICATION, HOLD_RETURN -> MessageType.NOTE;
      case LOST -> MessageType.LOST;
    };
  }

  private static IllMessage.Builder fromRequesting(RequestingAgencyMessage q) {
    IllMessage.Builder b = header(requesterType(q.action()), q.header(), true);
    b.attribute(A_SENDER_ROLE, "REQUESTER");
    b.attribute(A_ACTION, q.action().code());
    b.note(q.note());
    return b;
  }

  /** What the three confirmations share. */
  record ConfirmationParts(ConfirmationHeader header, List<ErrorData> errors) {}

  /** The header and error data of a confirmation; null when {@code m} is not a confirmation. */
  static ConfirmationParts confirmation(Iso18626Message m) {
    if (m instanceof RequestConfirmation c) {
      return new ConfirmationParts(c.confirmationHeader(), c.errorData());
    }
    if (m instanceof SupplyingAgencyMessageConfirmation c) {
      return new ConfirmationParts(c.confirmationHeader(), c.errorData());
    }
    if (m instanceof RequestingAgencyMessageConfirmation c) {
      return new ConfirmationParts(c.confirmationHeader(), c.errorData());
    }
    return null;
  }

  private static IllMessage.Builder fromConfirmation(Iso18626Message m) throws CodecException {
    ConfirmationParts parts = confirmation(m);
    ConfirmationHeader h = parts.header();
    List<ErrorData> errors = parts.errors();
    if (h.messageStatus() != MessageStatus.ERROR) {
      throw new CodecException(CodecException.Kind.UNSUPPORTED_TYPE,
          "an OK confirmation is an acknowledgement, not a transaction message");
    }
    IllMessage.Builder b = IllMessage.builder(MessageType.ERROR_REPORT)
        .requesterTransactionId(h.requestingAgencyRequestId())
        .timestamp(h.timestamp() == null ? null : h.timestamp().toInstant());
    if (!errors.isEmpty()) {
      b.reason(errors.get(0).errorType().code());
      b.note(errors.get(0).errorValue());
      put(b, A_ERROR_VALUE, errors.get(0).errorValue());
    }
    return b;
  }

  // ================================================================ neutral -> 18626

  public static Iso18626Message fromNeutral(IllMessage n, Iso18626Version version) throws CodecException {
    Map<String, String> a = n.attributes();
    String role = a.get(A_SENDER_ROLE);
    MessageType t = n.type();
    boolean requesterNote = t == MessageType.NOTE && !"SUPPLIER".equals(role);
    if (t == MessageType.REQUEST) {
      return toRequest(n, version);
    }
    if (requesterNote || t == MessageType.STATUS_QUERY || t == MessageType.RECEIVED || t == MessageType.CANCEL
        || t == MessageType.RENEW || t == MessageType.RETURNED || (t == MessageType.LOST && version == Iso18626Version.V2021)) {
      Action action = actionFor(n);
      return new RequestingAgencyMessage(headerFor(n, false), action, n.note());
    }
    return toSupplying(n, version);
  }

  private static Action actionFor(IllMessage n) throws CodecException {
    String explicit = n.attributes().get(A_ACTION);
    if (explicit != null && Action.fromCode(explicit) != null && requesterType(Action.fromCode(explicit)) == n.type()) {
      return Action.fromCode(explicit);
    }
    return switch (n.type()) {
      case STATUS_QUERY -> Action.STATUS_REQUEST;
      case RECEIVED -> Action.RECEIVED;
      case CANCEL -> Action.CANCEL;
      case RENEW -> Action.RENEW;
      case RETURNED -> Action.SHIPPED_RETURN;
      case NOTE -> Action.NOTIFICATION;
      case LOST -> Action.LOST;
      default -> throw unsupported(n);
    };
  }

  private static Iso18626Message toSupplying(IllMessage n, Iso18626Version version) throws CodecException {
    Map<String, String> a = n.attributes();
    Status kept = Status.fromCode(a.get(A_STATUS));
    ReasonForMessage keptReason = ReasonForMessage.fromCode(a.get(A_REASON_FOR_MESSAGE));
    ReasonForMessage reason;
    Status status;
    switch (n.type()) {
      case EXPECT_TO_SUPPLY -> { reason = ReasonForMessage.REQUEST_RESPONSE; status = Status.EXPECT_TO_SUPPLY; }
      case WILL_SUPPLY -> { reason = ReasonForMessage.REQUEST_RESPONSE; status = Status.WILL_SUPPLY; }
      case SHIPPED -> {
        reason = ReasonForMessage.REQUEST_RESPONSE;
        status = n.serviceType() == org.illbridge.api.model.ServiceType.COPY ? Status.COPY_COMPLETED : Status.LOANED;
      }
      case UNFILLED -> { reason = ReasonForMessage.REQUEST_RESPONSE; status = Status.UNFILLED; }
      case RETRY_POSSIBLE -> { reason = ReasonForMessage.REQUEST_RESPONSE; status = Status.RETRY_POSSIBLE; }
      case OVERDUE -> { reason = ReasonForMessage.STATUS_CHANGE; status = Status.OVERDUE; }
      case RECALL -> { reason = ReasonForMessage.STATUS_CHANGE; status = Status.RECALLED; }
      case CHECKED_IN -> { reason = ReasonForMessage.STATUS_CHANGE; status = Status.LOAN_COMPLETED; }
      case COMPLETED_WITHOUT_RETURN -> { reason = ReasonForMessage.STATUS_CHANGE; status = Status.COMPLETED_WITHOUT_RETURN; }
      case CANCEL_REPLY -> {
        reason = ReasonForMessage.CANCEL_RESPONSE;
        status = Boolean.TRUE.equals(n.answer()) ? Status.CANCELLED : orDefault(kept, Status.WILL_SUPPLY);
      }
      case RENEW_ANSWER -> {
        reason = ReasonForMessage.RENEW_RESPONSE;
        status = Boolean.TRUE.equals(n.answer()) ? Status.LOANED : orDefault(kept, Status.LOANED);
      }
      case STATUS_REPORT -> { reason = ReasonForMessage.STATUS_REQUEST_RESPONSE; status = orDefault(kept, Status.REQUEST_RECEIVED); }
      case NOTE -> { reason = ReasonForMessage.NOTIFICATION; status = orDefault(kept, Status.REQUEST_RECEIVED); }
      default -> throw unsupported(n);
    }
    // A message that came from 18626 keeps its exact reason and, when consistent, its status.
    if (keptReason != null && supplierType(keptReason, kept == null ? status : kept) == n.type()) {
      reason = keptReason;
      if (kept != null) {
        status = kept;
      }
    }
    if (status.since2021() && version == Iso18626Version.V2017) {
      throw new CodecException(CodecException.Kind.UNSUPPORTED_TYPE, "status " + status.code() + " needs ISO 18626:2021");
    }
    SchemeValue unfilled = null;
    SchemeValue retry = null;
    if (n.reason() != null) {
      // an ISO 10161 lender's reason name becomes its ISO 18626 code (ReasonCodes: the one table)
      if (status == Status.RETRY_POSSIBLE) {
        retry = new SchemeValue(ReasonCodes.toIso18626(n.reason()), null);
      } else if (status == Status.UNFILLED) {
        unfilled = new SchemeValue(ReasonCodes.toIso18626(n.reason()), null);
      }
    }
    YesNo answer = n.answer() == null ? null : n.answer() ? YesNo.Y : YesNo.N;
    MessageInfo mi = new MessageInfo(reason, answer, n.note(), unfilled, retry);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    StatusInfo si = new StatusInfo(status, dateTime(a.get(A_EXPECTED_DELIVERY)),
        n.dueDate() == null ? null : n.dueDate().atTime(23, 59, 59).atOffset(ZoneOffset.UTC),
        n.timestamp() == null ? now : n.timestamp().atOffset(ZoneOffset.UTC));
    RetryInfo ri = null;
    Costs offered = parseCosts(a.get(A_OFFERED_COSTS));
    if (offered != null || a.containsKey(A_RETRY_BEFORE) || a.containsKey(A_RETRY_AFTER)) {
      ri = new RetryInfo(null, null, null, null, null, null, null, null, offered == null ? null : List.of(offered), null,
          dateTime(a.get(A_RETRY_BEFORE)), dateTime(a.get(A_RETRY_AFTER)));
    }
    DeliveryInfo di = null;
    if (status == Status.LOANED || status == Status.COPY_COMPLETED) {
      String itemId = a.get(A_ITEM_ID);
      di = new DeliveryInfo(n.timestamp() == null ? now : n.timestamp().atOffset(ZoneOffset.UTC),
          itemId == null ? null : List.of(itemId.split(" ")), null, sv(a.get(A_SENT_VIA)), null, null,
          a.get(A_LOAN_CONDITION) == null ? null : List.of(sv(a.get(A_LOAN_CONDITION))), null,
          version == Iso18626Version.V2021 && n.serviceType() != null ? serviceType(n.serviceType()) : null, null, null);
      if (reason == ReasonForMessage.RENEW_RESPONSE || reason == ReasonForMessage.STATUS_REQUEST_RESPONSE
          || reason == ReasonForMessage.NOTIFICATION) {
        di = null;
      }
    }
    return new SupplyingAgencyMessage(headerFor(n, true), mi, si, ri, di, null, null);
  }

  private static Request toRequest(IllMessage n, Iso18626Version version) throws CodecException {
    Map<String, String> a = n.attributes();
    Item i = n.item() == null ? Item.titled(null) : n.item();
    List<BibliographicItemId> ids = new ArrayList<>();
    if (i.isbn() != null) {
      ids.add(new BibliographicItemId(i.isbn(), new SchemeValue("ISBN", null)));
    }
    if (i.issn() != null) {
      ids.add(new BibliographicItemId(i.issn(), new SchemeValue("ISSN", null)));
    }
    List<BibliographicRecordId> records = i.oclcNumber() == null ? List.of()
        : List.of(new BibliographicRecordId(new SchemeValue("OCLC", null), i.oclcNumber()));
    BibliographicInfo bib = new BibliographicInfo(i.systemNumber(), i.title(), i.author(), null, a.get(A_SUBTITLE), null,
        i.edition(), a.get(A_TITLE_OF_COMPONENT), a.get(A_AUTHOR_OF_COMPONENT),
        i.volume() == null ? null : List.of(i.volume()), a.get(A_ISSUE), i.pagesRequested(), null, ids, null,
        i.verificationSource(), records);
    PublicationInfo pub = i.publisher() == null && i.publicationDate() == null ? null
        : new PublicationInfo(i.publisher(), null, null, i.publicationDate(), null);
    ServiceInfo si = null;
    if (n.serviceType() != null || version == Iso18626Version.V2021) {
      if (n.serviceType() == null) {
        throw new CodecException(CodecException.Kind.UNRECOGNISED_DATA_ELEMENT, "a 2021 Request needs a service type");
      }
      si = new ServiceInfo(RequestType.fromCode(a.get(A_REQUEST_TYPE)), null, a.get(A_PREVIOUS_REQUEST_ID),
          serviceType(n.serviceType()), sv(a.get(A_SERVICE_LEVEL)), null, dateTime(a.get(A_NEED_BEFORE)), null, null,
          null, null, null, null, n.note());
    }
    PatronInfo patron = null;
    if (n.patron() != null) {
      Patron p = n.patron();
      String surname = a.get(A_PATRON_SURNAME);
      String given = a.get(A_PATRON_GIVEN_NAME);
      if (surname == null && given == null) {
        surname = p.name();
      }
      patron = new PatronInfo(p.id(), surname, given, sv(p.status()), null, null);
    }
    Costs max = parseCosts(a.get(A_MAXIMUM_COSTS));
    BillingInfo billing = max == null ? null : new BillingInfo(null, max, null, null, null);
    return new Request(headerFor(n, false), bib, pub, si, null, null, null, patron, billing);
  }

  private static Header headerFor(IllMessage n, boolean fromSupplier) {
    Map<String, String> a = n.attributes();
    AgencyIdentifier sender = identifier(n.sender(), a.get(A_SENDER_ID_TYPE));
    AgencyIdentifier recipient = identifier(n.recipient(), a.get(A_RECIPIENT_ID_TYPE));
    Instant ts = n.timestamp() == null ? Instant.now() : n.timestamp();
    return new Header(fromSupplier ? sender : recipient, fromSupplier ? recipient : sender, null,
        a.get(A_MULTIPLE_ITEM_REQUEST_ID), ts.atOffset(ZoneOffset.UTC), n.requesterTransactionId(),
        n.supplierTransactionId(), null);
  }

  // ================================================================ helpers

  static AgencyId agency(AgencyIdentifier id) {
    if (id == null || id.value() == null || id.value().isBlank()) {
      return null;
    }
    String type = id.type() == null ? "" : id.type().value();
    return new AgencyId(AgencyIdScheme.parse(type), id.value());
  }

  private static void idType(IllMessage.Builder b, String key, AgencyIdentifier id) {
    if (id != null && id.type() != null && AgencyIdScheme.parse(id.type().value()) == AgencyIdScheme.OTHER) {
      b.attribute(key, id.type().value());
    }
  }

  static AgencyIdentifier identifier(AgencyId id, String originalType) {
    if (id == null) {
      return null;
    }
    String type = id.scheme() == AgencyIdScheme.OTHER && originalType != null ? originalType : id.scheme().name();
    return new AgencyIdentifier(new SchemeValue(type, null), id.value());
  }

  static org.illbridge.api.model.ServiceType serviceType(ServiceType t) {
    if (t == null) {
      return null;
    }
    return switch (t) {
      case COPY -> org.illbridge.api.model.ServiceType.COPY;
      case LOAN -> org.illbridge.api.model.ServiceType.LOAN;
      case COPY_OR_LOAN -> org.illbridge.api.model.ServiceType.COPY_OR_LOAN;
    };
  }

  static ServiceType serviceType(org.illbridge.api.model.ServiceType t) throws CodecException {
    return switch (t) {
      case COPY -> ServiceType.COPY;
      case LOAN -> ServiceType.LOAN;
      case COPY_OR_LOAN -> ServiceType.COPY_OR_LOAN;
      default -> throw new CodecException(CodecException.Kind.UNSUPPORTED_TYPE,
          "ISO 18626 has no service type for " + t);
    };
  }

  private static String itemId(BibliographicInfo b, String code) {
    for (BibliographicItemId id : b.itemIds()) {
      if (id.code() != null && code.equalsIgnoreCase(id.code().value())) {
        return id.identifier();
      }
    }
    return null;
  }

  private static String recordId(BibliographicInfo b, String code) {
    for (BibliographicRecordId id : b.recordIds()) {
      if (id.code() != null && code.equalsIgnoreCase(id.code().value())) {
        return id.identifier();
      }
    }
    return null;
  }

  static String costs(Costs c) {
    if (c == null || c.currencyCode() == null || c.monetaryValue() == null) {
      return null;
    }
    return c.currencyCode().value() + " " + c.monetaryValue().toPlainString();
  }

  static Costs parseCosts(String s) throws CodecException {
    if (s == null || s.isBlank()) {
      return null;
    }
    String[] p = s.trim().split("\\s+");
    try {
      return new Costs(new SchemeValue(p[0], null), new BigDecimal(p[1]));
    } catch (RuntimeException e) {
      throw new CodecException(CodecException.Kind.UNRECOGNISED_DATA_VALUE, "costs '" + s + "' are not 'CUR 12.34'");
    }
  }

  private static OffsetDateTime dateTime(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (RuntimeException e) {
      return LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
  }

  private static SchemeValue sv(String v) {
    return v == null ? null : new SchemeValue(v, null);
  }

  private static Status orDefault(Status s, Status d) {
    return s != null ? s : d;
  }

  private static String joinName(String given, String surname) {
    if (given == null) {
      return surname;
    }
    return surname == null ? given : given + " " + surname;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void put(IllMessage.Builder b, String key, String value) {
    if (value != null && !value.isBlank()) {
      b.attribute(key, value);
    }
  }

  private static CodecException unsupported(IllMessage n) {
    return new CodecException(CodecException.Kind.UNSUPPORTED_TYPE, "ISO 18626 cannot carry a " + n.type() + " message");
  }
}
