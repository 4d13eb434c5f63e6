package org.illbridge.iso18626.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.illbridge.iso18626.*;

/**
 * Maps an {@link XmlNode} tree to the message records, for both schema revisions. In strict mode
 * every deviation from the schema is an error; in lenient mode the deviations real peers send
 * (case variants and well-known aliases of code values, a missing multipleItemRequestId, no or
 * another namespace, unknown elements, element names of the other revision) are normalised and
 * recorded as warnings. One instance reads one message.
 */
final class MessageReader {

  /** Elements that exist in the 2021 schema only: used to guess the revision when the version attribute is missing. */
  private static boolean only2021(String element) {
    // A string switch rather than a set: it runs for every element of every 2017 message.
    return switch (element) {
      case "retryInfo", "shippingInfo", "consortialId", "authorId", "publisherId", "preferredEdition", "courierName",
          "URL", "deliveryMethod", "itemFormat" -> true;
      default -> false;
    };
  }

  /** Status values peers send that are not in the list (seed 004 writes "OnLoan" and "Completed"). */
  private static final Map<String, Status> STATUS_ALIASES = Map.of(
      "onloan", Status.LOANED,
      "loan", Status.LOANED,
      "canceled", Status.CANCELLED,
      "completed", Status.COPY_COMPLETED,
      "shipped", Status.LOANED);

  /** The constants of each code list, without the copy {@code getEnumConstants()} makes on every call. */
  private static final ClassValue<Object[]> CONSTANTS = new ClassValue<>() {
    @Override
    protected Object[] computeValue(Class<?> type) {
      return type.getEnumConstants();
    }
  };

  private final boolean strict;
  private final List<String> warnings = new ArrayList<>();
  private Iso18626Version version;

  MessageReader(boolean strict) {
    this.strict = strict;
  }

  Iso18626Document read(XmlNode root) throws Iso18626CodecException {
    if (!root.name.equals("ISO18626Message")) {
      if (!strict && root.name.equalsIgnoreCase("ISO18626Message")) {
        warn("root element written as " + root.name);
      } else {
        throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE,
            "root element is " + root.name + ", expected ISO18626Message");
      }
    }
    checkNamespaces(root);
    root.used = true;
    version = Iso18626Version.fromAttribute(root.version);
    if (version == null) {
      if (strict) {
        throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE,
            root.version == null ? "the version attribute is missing" : "unknown schema version " + root.version);
      }
      version = mentions2021(root) ? Iso18626Version.V2021 : Iso18626Version.V2017;
      warn("schema version " + (root.version == null ? "missing" : "'" + root.version + "' unknown")
          + "; read as " + version.versionAttribute());
    }
    if (root.children.isEmpty()) {
      throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE, "ISO18626Message has no message element");
    }
    XmlNode m = root.children.get(0);
    String element = m.name;
    try {
      if (root.children.size() > 1) {
        unknown(root.children.get(1), root);
      }
      m.used = true;
      Iso18626Message message = switch (canonical(element)) {
        case "request" -> request(m);
        case "requestConfirmation" -> new RequestConfirmation(confirmationHeader(req(m, "confirmationHeader")), errors(m));
        case "supplyingAgencyMessage" -> supplyingAgencyMessage(m);
        case "supplyingAgencyMessageConfirmation" -> new SupplyingAgencyMessageConfirmation(
            confirmationHeader(req(m, "confirmationHeader")),
            code(ReasonForMessage.class, opt(m, "reasonForMessage")), errors(m));
        case "requestingAgencyMessage" -> new RequestingAgencyMessage(
            header(req(m, "header")), actionCode(req(m, "action")), str(m, "note"));
        case "requestingAgencyMessageConfirmation" -> new RequestingAgencyMessageConfirmation(
            confirmationHeader(req(m, "confirmationHeader")), actionCode(opt(m, "action")), errors(m));
        default -> throw new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT,
            "unknown message element " + element);
      };
      checkUsed(root);
      if (version == Iso18626Version.V2017) {
        check2021Elements(m);
      }
      return new Iso18626Document(version, message, warnings);
    } catch (Iso18626CodecException e) {
      throw e.messageElement() == null ? e.withMessageElement(canonical(element)) : e;
    }
  }

  private static final List<String> MESSAGE_ELEMENTS = List.of("request", "requestConfirmation",
      "supplyingAgencyMessage", "supplyingAgencyMessageConfirmation", "requestingAgencyMessage",
      "requestingAgencyMessageConfirmation");

  private String canonical(String element) {
    for (String known : MESSAGE_ELEMENTS) {
      if (known.equals(element) || (!strict && known.equalsIgnoreCase(element))) {
        return known;
      }
    }
    return element;
  }

  // ---------------------------------------------------------------- messages

  private Request request(XmlNode m) throws Iso18626CodecException {
    XmlNode si = version == Iso18626Version.V2021 ? req(m, "serviceInfo") : opt(m, "serviceInfo");
    List<SupplierInfo> suppliers = new ArrayList<>();
    for (XmlNode n : all(m, "supplierInfo")) {
      suppliers.add(supplierInfo(n));
    }
    List<RequestedDeliveryInfo> deliveries = new ArrayList<>();
    for (XmlNode n : all(m, "requestedDeliveryInfo")) {
      deliveries.add(new RequestedDeliveryInfo(integer(opt(n, "sortOrder")), address(opt(n, "address")),
          sv(opt(n, "deliveryMethod")), sv(opt(n, "courierName"))));
    }
    XmlNode rai = opt(m, "requestingAgencyInfo");
    XmlNode pi = opt(m, "patronInfo");
    XmlNode bi = opt(m, "billingInfo");
    return new Request(
        header(req(m, "header")),
        bibliographicInfo(req(m, "bibliographicInfo")),
        publicationInfo(opt(m, "publicationInfo")),
        si == null ? null : serviceInfo(si),
        suppliers,
        deliveries,
        rai == null ? null : new RequestingAgencyInfo(str(rai, "name"), str(rai, "contactName"), addresses(rai)),
        pi == null ? null : new PatronInfo(str(pi, "patronId"), str(pi, "surname"), str(pi, "givenName"),
            sv(opt(pi, "patronType")), code(YesNo.class, opt(pi, "sendToPatron")), addresses(pi)),
        bi == null ? null : new BillingInfo(sv(opt(bi, "paymentMethod")), costs(opt(bi, "maximumCosts")),
            sv(opt(bi, "billingMethod")), str(bi, "billingName"), address(opt(bi, "address"))));
  }

  private SupplyingAgencyMessage supplyingAgencyMessage(XmlNode m) throws Iso18626CodecException {
    XmlNode mi = req(m, "messageInfo");
    MessageInfo messageInfo = new MessageInfo(
        reasonForMessage(req(mi, "reasonForMessage")),
        code(YesNo.class, opt(mi, "answerYesNo")),
        str(mi, "note"),
        sv(opt(mi, "reasonUnfilled")),
        sv(opt(mi, "reasonRetry")));
    RetryInfo retry;
    XmlNode ri = opt(m, "retryInfo");
    // 2017 keeps offered costs and retry dates in messageInfo; read them from there in any version.
    XmlNode oc = opt(mi, "offeredCosts");
    XmlNode rb = opt(mi, "retryBefore");
    XmlNode ra = opt(mi, "retryAfter");
    if ((oc != null || rb != null || ra != null) && version == Iso18626Version.V2021) {
      deviation("offeredCosts/retryBefore/retryAfter belong in retryInfo in the 2021 schema");
    }
    if (ri != null) {
      List<Costs> offered = new ArrayList<>();
      for (XmlNode n : all(ri, "offeredCosts")) {
        offered.add(costs(n));
      }
      if (oc != null) {
        offered.add(costs(oc));
      }
      retry = new RetryInfo(svs(ri, "loanCondition"), strs(ri, "edition"), svs(ri, "itemFormat"), strs(ri, "volume"),
          code(ServiceType.class, opt(ri, "serviceType")), svs(ri, "serviceLevel"), svs(ri, "deliveryMethod"),
          svs(ri, "courierName"), offered, svs(ri, "paymentMethod"),
          date(first(opt(ri, "retryBefore"), rb)), date(first(opt(ri, "retryAfter"), ra)));
    } else if (oc != null || rb != null || ra != null) {
      retry = new RetryInfo(null, null, null, null, null, null, null, null,
          oc == null ? List.of() : List.of(costs(oc)), null, date(rb), date(ra));
    } else {
      retry = null;
    }
    XmlNode st = req(m, "statusInfo");
    XmlNode statusNode = req(st, "status");
    ReasonUnfilled reasonAsStatus = strict || Status.fromCodeIgnoreCase(statusNode.text()) != null
        || STATUS_ALIASES.containsKey(statusNode.text().toLowerCase(Locale.ROOT))
        ? null : ReasonUnfilled.fromCodeIgnoreCase(statusNode.text());
    Status status;
    if (reasonAsStatus != null) {
      // Seed 004 shows "Status = NonCirculating": an unfilled reason written as the status.
      status = Status.UNFILLED;
      warn("status '" + statusNode.text() + "' is a reason unfilled; read as status Unfilled with that reason");
      if (messageInfo.reasonUnfilled() == null) {
        messageInfo = new MessageInfo(messageInfo.reasonForMessage(), messageInfo.answerYesNo(), messageInfo.note(),
            new SchemeValue(reasonAsStatus.code(), null), messageInfo.reasonRetry());
      }
    } else {
      status = statusCode(statusNode);
    }
    StatusInfo statusInfo = new StatusInfo(status, date(opt(st, "expectedDeliveryDate")),
        date(opt(st, "dueDate")), date(reqLenient(st, "lastChange")));
    XmlNode di = opt(m, "deliveryInfo");
    DeliveryInfo delivery = null;
    if (di != null) {
      List<Costs> deliveryCosts = new ArrayList<>();
      for (XmlNode n : all(di, "deliveryCosts")) {
        deliveryCosts.add(costs(n));
      }
      delivery = new DeliveryInfo(date(reqLenient(di, "dateSent")), strs(di, "itemId"), str(di, "URL"),
          sv(versioned(di, "sentVia", "deliveryMethod")), address(opt(di, "address")),
          bool(opt(di, "sentToPatron")), svs(di, "loanCondition"),
          sv(versioned(di, "deliveredFormat", "itemFormat")), code(ServiceType.class, opt(di, "serviceType")),
          deliveryCosts, sv(opt(di, "paymentMethod")));
    }
    XmlNode shi = opt(m, "shippingInfo");
    ShippingInfo shipping = null;
    if (shi != null) {
      List<Costs> insurance = new ArrayList<>();
      for (XmlNode n : all(shi, "insuranceCosts")) {
        insurance.add(costs(n));
      }
      shipping = new ShippingInfo(sv(opt(shi, "courierName")), strs(shi, "trackingId"),
          code(YesNo.class, opt(shi, "insurance")), code(YesNo.class, opt(shi, "insuranceThirdParty")),
          str(shi, "thirdPartyName"), insurance);
    }
    XmlNode rti = opt(m, "returnInfo");
    ReturnInfo returnInfo = rti == null ? null : new ReturnInfo(agency(opt(rti, "returnAgencyId")), str(rti, "name"),
        physicalAddress(opt(rti, "physicalAddress")));
    return new SupplyingAgencyMessage(header(req(m, "header")), messageInfo, statusInfo, retry, delivery, shipping,
        returnInfo);
  }

  // ---------------------------------------------------------------- structures

  private Header header(XmlNode h) throws Iso18626CodecException {
    XmlNode multiple = opt(h, "multipleItemRequestId");
    if (multiple == null && version == Iso18626Version.V2017 && h != null) {
      deviation("header has no multipleItemRequestId (required in the 2017 schema)");
    }
    return new Header(agency(opt(h, "supplyingAgencyId")), agency(opt(h, "requestingAgencyId")),
        agency(opt(h, "consortialId")), multiple == null ? null : multiple.text(), date(req(h, "timestamp")),
        str(req(h, "requestingAgencyRequestId")), str(h, "supplyingAgencyRequestId"), auth(opt(h, "requestingAgencyAuthentication")));
  }

  private RequestingAgencyAuthentication auth(XmlNode n) {
    return n == null ? null : new RequestingAgencyAuthentication(str(n, "accountId"), str(n, "securityCode"));
  }

  private ConfirmationHeader confirmationHeader(XmlNode h) throws Iso18626CodecException {
    return new ConfirmationHeader(agency(opt(h, "supplyingAgencyId")), agency(opt(h, "requestingAgencyId")),
        date(reqLenient(h, "timestamp")), str(h, "requestingAgencyRequestId"), str(h, "multipleItemRequestId"),
        date(reqLenient(h, "timestampReceived")), code(MessageStatus.class, req(h, "messageStatus")));
  }

  private List<ErrorData> errors(XmlNode m) throws Iso18626CodecException {
    List<ErrorData> list = new ArrayList<>();
    for (XmlNode n : all(m, "errorData")) {
      list.add(new ErrorData(code(ErrorType.class, req(n, "errorType")), str(n, "errorValue")));
    }
    if (list.size() > 1 && version == Iso18626Version.V2017) {
      deviation("more than one errorData (allowed from 2021 on)");
    }
    return list;
  }

  private BibliographicInfo bibliographicInfo(XmlNode b) throws Iso18626CodecException {
    List<BibliographicItemId> items = new ArrayList<>();
    for (XmlNode n : all(b, "bibliographicItemId")) {
      items.add(new BibliographicItemId(str(req(n, "bibliographicItemIdentifier")),
          sv(req(n, "bibliographicItemIdentifierCode"))));
    }
    List<BibliographicRecordId> records = new ArrayList<>();
    for (XmlNode n : all(b, "bibliographicRecordId")) {
      records.add(recordId(n));
    }
    List<String> volumes = strs(b, "volume");
    if (volumes.size() > 1 && version == Iso18626Version.V2017) {
      deviation("more than one volume (allowed from 2021 on)");
    }
    return new BibliographicInfo(str(b, "supplierUniqueRecordId"), str(b, "title"), str(b, "author"),
        str(b, "authorId"), str(b, "subtitle"), str(b, "seriesTitle"), str(b, "edition"),
        str(b, "titleOfComponent"), str(b, "authorOfComponent"), volumes, str(b, "issue"),
        str(b, "pagesRequested"), str(b, "estimatedNoPages"), items, str(b, "sponsor"),
        str(b, "informationSource"), records);
  }

  private BibliographicRecordId recordId(XmlNode n) throws Iso18626CodecException {
    return n == null ? null : new BibliographicRecordId(sv(req(n, "bibliographicRecordIdentifierCode")),
        str(req(n, "bibliographicRecordIdentifier")));
  }

  private PublicationInfo publicationInfo(XmlNode p) {
    return p == null ? null : new PublicationInfo(str(p, "publisher"), str(p, "publisherId"),
        sv(opt(p, "publicationType")), str(p, "publicationDate"), str(p, "placeOfPublication"));
  }

  private ServiceInfo serviceInfo(XmlNode s) throws Iso18626CodecException {
    List<RequestSubType> subTypes = new ArrayList<>();
    for (XmlNode n : all(s, "requestSubType")) {
      subTypes.add(code(RequestSubType.class, n));
    }
    return new ServiceInfo(code(RequestType.class, opt(s, "requestType")), subTypes,
        str(s, "requestingAgencyPreviousRequestId"), code(ServiceType.class, req(s, "serviceType")),
        sv(opt(s, "serviceLevel")), sv(versioned(s, "preferredFormat", "itemFormat")), date(opt(s, "needBeforeDate")),
        sv(opt(s, "copyrightCompliance")), code(YesNo.class, opt(s, "anyEdition")),
        code(PreferredEdition.class, opt(s, "preferredEdition")), svs(s, "loanCondition"),
        date(opt(s, "startDate")), date(opt(s, "endDate")), str(s, "note"));
  }

  private SupplierInfo supplierInfo(XmlNode s) throws Iso18626CodecException {
    return new SupplierInfo(integer(opt(s, "sortOrder")), agency(opt(s, "supplierCode")), str(s, "supplierDescription"),
        recordId(opt(s, "bibliographicRecordId")), str(s, "callNumber"), str(s, "summaryHoldings"),
        str(s, "availabilityNote"));
  }

  private List<Address> addresses(XmlNode parent) throws Iso18626CodecException {
    List<Address> list = new ArrayList<>();
    for (XmlNode n : all(parent, "address")) {
      list.add(address(n));
    }
    return list;
  }

  private Address address(XmlNode a) throws Iso18626CodecException {
    if (a == null) {
      return null;
    }
    XmlNode e = opt(a, "electronicAddress");
    XmlNode p = opt(a, "physicalAddress");
    if (e == null && p == null) {
      throw new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT,
          "address needs electronicAddress or physicalAddress (line " + a.line() + ")");
    }
    return new Address(e == null ? null : new ElectronicAddress(sv(req(e, "electronicAddressType")),
        str(req(e, "electronicAddressData"))), physicalAddress(p));
  }

  private PhysicalAddress physicalAddress(XmlNode p) {
    return p == null ? null : new PhysicalAddress(str(p, "line1"), str(p, "line2"), str(p, "locality"),
        str(p, "postalCode"), sv(opt(p, "region")), sv(opt(p, "country")));
  }

  private AgencyIdentifier agency(XmlNode a) throws Iso18626CodecException {
    return a == null ? null : new AgencyIdentifier(sv(req(a, "agencyIdType")), str(req(a, "agencyIdValue")));
  }

  private Costs costs(XmlNode c) throws Iso18626CodecException {
    if (c == null) {
      return null;
    }
    XmlNode value = req(c, "monetaryValue");
    try {
      return new Costs(sv(req(c, "currencyCode")), new BigDecimal(value.text()));
    } catch (NumberFormatException e) {
      throw badValue(value, "is not a decimal number");
    }
  }

  // ---------------------------------------------------------------- code values

  private Status statusCode(XmlNode n) throws Iso18626CodecException {
    Status s = Status.fromCode(n.text());
    if (s == null && !strict) {
      s = STATUS_ALIASES.get(n.text().toLowerCase(Locale.ROOT));
      if (s != null) {
        warn("status '" + n.text() + "' read as " + s.code());
        return s;
      }
    }
    return s != null ? versionCheck(s, s.since2021(), n) : code(Status.class, n);
  }

  private ReasonForMessage reasonForMessage(XmlNode n) throws Iso18626CodecException {
    try {
      return code(ReasonForMessage.class, n);
    } catch (Iso18626CodecException e) {
      throw new Iso18626CodecException(ErrorType.UNSUPPORTED_REASON_FOR_MESSAGE_TYPE, e.getMessage());
    }
  }

  private Action actionCode(XmlNode n) throws Iso18626CodecException {
    if (n == null) {
      return null;
    }
    try {
      return code(Action.class, n);
    } catch (Iso18626CodecException e) {
      throw new Iso18626CodecException(ErrorType.UNSUPPORTED_ACTION_TYPE, e.getMessage());
    }
  }

  private <E extends Enum<E> & CodeValue> E code(Class<E> type, XmlNode n) throws Iso18626CodecException {
    if (n == null) {
      return null;
    }
    String raw = n.text();
    E exact = null;
    E loose = null;
    @SuppressWarnings("unchecked")
    E[] constants = (E[]) CONSTANTS.get(type);
    for (E e : constants) {
      if (e.code().equals(raw)) {
        exact = e;
        break;
      }
    }
    if (exact == null) {
      for (E e : constants) {
        if (e.code().equalsIgnoreCase(raw)) {
          loose = e;
        }
      }
    }
    if (exact == null && (Class<?>) type == YesNo.class && !strict) {
      String l = raw.toLowerCase(Locale.ROOT);
      if (l.equals("yes") || l.equals("true")) {
        loose = type.cast(YesNo.Y);
      } else if (l.equals("no") || l.equals("false")) {
        loose = type.cast(YesNo.N);
      }
    }
    if (exact == null && loose != null && !strict) {
      warn(n.name + " '" + raw + "' read as " + loose.code());
      exact = loose;
    }
    if (exact == null) {
      throw badValue(n, "is not a valid " + type.getSimpleName() + " value");
    }
    boolean since2021 = exact instanceof Status s ? s.since2021()
        : exact instanceof Action a ? a.since2021()
        : exact instanceof PreferredEdition;
    return versionCheck(exact, since2021, n);
  }

  private <T> T versionCheck(T value, boolean since2021, XmlNode n) throws Iso18626CodecException {
    if (since2021 && version == Iso18626Version.V2017) {
      if (strict) {
        throw badValue(n, "exists only in the 2021 schema");
      }
      warn(n.name + " '" + n.text() + "' exists only in the 2021 schema");
    }
    return value;
  }

  // ---------------------------------------------------------------- simple types

  private OffsetDateTime date(XmlNode n) throws Iso18626CodecException {
    if (n == null) {
      return null;
    }
    String t = n.text();
    OffsetDateTime fast = XsDateTime.parse(t);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException e) {
      // xs:dateTime allows no time zone: take UTC.
    }
    try {
      return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // maybe a plain date below
    }
    if (!strict) {
      try {
        OffsetDateTime d = LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC);
        warn(n.name + " '" + t + "' is a date without time; read as " + d);
        return d;
      } catch (DateTimeParseException e) {
        // fall through to the error
      }
    }
    throw badValue(n, "is not an xs:dateTime");
  }

  private Integer integer(XmlNode n) throws Iso18626CodecException {
    if (n == null) {
      return null;
    }
    try {
      return Integer.valueOf(n.text());
    } catch (NumberFormatException e) {
      throw badValue(n, "is not an integer");
    }
  }

  private Boolean bool(XmlNode n) throws Iso18626CodecException {
    if (n == null) {
      return null;
    }
    String t = n.text();
    if (t.equals("true") || t.equals("1")) {
      return Boolean.TRUE;
    }
    if (t.equals("false") || t.equals("0")) {
      return Boolean.FALSE;
    }
    if (!strict) {
      String l = t.toLowerCase(Locale.ROOT);
      if (l.equals("y") || l.equals("yes") || l.equals("true")) {
        warn(n.name + " '" + t + "' read as true");
        return Boolean.TRUE;
      }
      if (l.equals("n") || l.equals("no") || l.equals("false")) {
        warn(n.name + " '" + t + "' read as false");
        return Boolean.FALSE;
      }
    }
    throw badValue(n, "is not an xs:boolean");
  }

  private static SchemeValue sv(XmlNode n) {
    return n == null ? null : new SchemeValue(n.text(), n.scheme);
  }

  private List<SchemeValue> svs(XmlNode parent, String name) {
    List<SchemeValue> list = new ArrayList<>();
    for (XmlNode n : all(parent, name)) {
      list.add(sv(n));
    }
    return list;
  }

  private List<String> strs(XmlNode parent, String name) {
    List<String> list = new ArrayList<>();
    for (XmlNode n : all(parent, name)) {
      list.add(n.text());
    }
    return list;
  }

  private String str(XmlNode parent, String name) {
    return str(opt(parent, name));
  }

  private static String str(XmlNode n) {
    return n == null ? null : n.text();
  }

  // ---------------------------------------------------------------- tree access

  private XmlNode opt(XmlNode parent, String name) {
    if (parent == null) {
      return null;
    }
    // Children before firstUnused are all used (flags are never cleared), so the search starts
    // there: elements read in document order cost one look each instead of a scan.
    List<XmlNode> children = parent.children;
    int size = children.size();
    int first = parent.firstUnused;
    while (first < size && children.get(first).used) {
      first++;
    }
    parent.firstUnused = first;
    for (int i = first; i < size; i++) {
      XmlNode c = children.get(i);
      if (!c.used && c.name.equals(name) && (!strict || Iso18626Version.NAMESPACE.equals(c.namespace))) {
        c.used = true;
        return c;
      }
    }
    if (!strict) {
      for (int i = first; i < size; i++) {
        XmlNode c = children.get(i);
        if (!c.used && c.name.equalsIgnoreCase(name)) {
          warn("element " + c.name + " read as " + name);
          c.used = true;
          return c;
        }
      }
    }
    return null;
  }

  private List<XmlNode> all(XmlNode parent, String name) {
    List<XmlNode> list = new ArrayList<>();
    XmlNode n;
    while ((n = opt(parent, name)) != null) {
      list.add(n);
    }
    return list;
  }

  private XmlNode req(XmlNode parent, String name) throws Iso18626CodecException {
    XmlNode n = opt(parent, name);
    if (n == null) {
      throw new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT,
          "required element " + name + " is missing in " + parent);
    }
    return n;
  }

  /** A required element the bridge can do without: an error in strict mode, a warning otherwise. */
  private XmlNode reqLenient(XmlNode parent, String name) throws Iso18626CodecException {
    XmlNode n = opt(parent, name);
    if (n == null) {
      deviation("required element " + name + " is missing in " + parent);
    }
    return n;
  }

  /** Reads the element under this revision's name, or (leniently) under the other revision's name. */
  private XmlNode versioned(XmlNode parent, String name2017, String name2021) throws Iso18626CodecException {
    String mine = version == Iso18626Version.V2017 ? name2017 : name2021;
    String other = version == Iso18626Version.V2017 ? name2021 : name2017;
    XmlNode n = opt(parent, mine);
    if (n == null) {
      XmlNode o = opt(parent, other);
      if (o != null) {
        deviation(other + " is the other schema revision's name for " + mine);
        return o;
      }
    }
    return n;
  }

  private static XmlNode first(XmlNode a, XmlNode b) {
    return a != null ? a : b;
  }

  private void checkUsed(XmlNode node) throws Iso18626CodecException {
    for (int i = 0, size = node.children.size(); i < size; i++) {
      XmlNode c = node.children.get(i);
      if (!c.used) {
        unknown(c, node);
      } else {
        checkUsed(c);
      }
    }
  }

  private void unknown(XmlNode c, XmlNode parent) throws Iso18626CodecException {
    if (strict) {
      throw new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT,
          "unrecognised element " + c.name + " in " + parent);
    }
    c.used = true;
    warn("ignored unrecognised element " + c.name + " in " + parent.name);
  }

  private void checkNamespaces(XmlNode root) throws Iso18626CodecException {
    String ns = root.namespace == null ? "" : root.namespace;
    if (!ns.equals(Iso18626Version.NAMESPACE)) {
      if (strict) {
        throw new Iso18626CodecException(ErrorType.BADLY_FORMED_MESSAGE,
            "root element is not in the ISO 18626 namespace " + Iso18626Version.NAMESPACE
                + (ns.isEmpty() ? " (no namespace)" : " but in " + ns));
      }
      warn("message is not in the ISO 18626 namespace" + (ns.isEmpty() ? "" : " (found " + ns + ")"));
    }
  }

  /** A 2017 message may not use elements the 2021 revision added. */
  private void check2021Elements(XmlNode n) throws Iso18626CodecException {
    for (int i = 0, size = n.children.size(); i < size; i++) {
      XmlNode c = n.children.get(i);
      if (only2021(c.name)) {
        if (strict) {
          throw new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT,
              "element " + c.name + " exists only in the 2021 schema (line " + c.line() + ")");
        }
        warn("element " + c.name + " exists only in the 2021 schema");
      }
      check2021Elements(c);
    }
  }

  private static boolean mentions2021(XmlNode n) {
    if (only2021(n.name)) {
      return true;
    }
    for (int i = 0, size = n.children.size(); i < size; i++) {
      XmlNode c = n.children.get(i);
      if (mentions2021(c)) {
        return true;
      }
    }
    return false;
  }

  private void deviation(String message) throws Iso18626CodecException {
    if (strict) {
      throw new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT, message);
    }
    warn(message);
  }

  private void warn(String message) {
    if (warnings.size() < 100) {
      warnings.add(message);
    }
  }

  private static Iso18626CodecException badValue(XmlNode n, String why) {
    String v = n.text();
    if (v.length() > 60) {
      v = v.substring(0, 60) + "...";
    }
    return new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_VALUE,
        n.name + " value '" + v + "' " + why + " (line " + n.line() + ")");
  }
}
