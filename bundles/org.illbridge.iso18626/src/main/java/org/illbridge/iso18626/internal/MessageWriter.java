package org.illbridge.iso18626.internal;

import java.time.OffsetDateTime;
import java.util.List;
import javax.xml.validation.ValidatorHandler;
import org.illbridge.iso18626.*;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Writes message records as ISO 18626 XML for one schema revision, in the element order the
 * revision's schema requires, with the {@code ill} prefix and qualified attributes. Fields the
 * revision does not have are left out (2021-only data in a 2017 message is dropped).
 *
 * <p>With validation on, every element is also fed to the revision's XSD validator as it is
 * written, so the output is checked without being parsed again.
 */
final class MessageWriter {

  private static final String NS = Iso18626Version.NAMESPACE;
  private static final String P = "ill";
  private static final Utf8XmlWriter.Tags TAGS = new Utf8XmlWriter.Tags(P);

  private final Iso18626Version version;
  private final boolean v17;
  private final Utf8XmlWriter w = new Utf8XmlWriter(TAGS, 8192);
  private Sax sax;

  MessageWriter(Iso18626Version version) {
    this.version = version;
    this.v17 = version == Iso18626Version.V2017;
  }

  /** Writes the message; with {@code validate}, throws the first schema violation of the output. */
  byte[] write(Iso18626Message message, boolean validate) throws Iso18626CodecException {
    if (validate) {
      sax = new Sax(version);
    }
    try {
      byte[] bytes = write(message);
      if (sax != null) {
        sax.finish();
      }
      sax = null;
      return bytes;
    } finally {
      if (sax != null) {
        // failed in mid-document: the validator's state is unknown
        SchemaValidator.discard(version);
      }
    }
  }

  byte[] write(Iso18626Message message) throws Iso18626CodecException {
    w.declaration();
    w.open("ISO18626Message");
    w.namespace(NS);
    w.attribute("version", version.versionAttribute());
    w.close();
    if (sax != null) {
      sax.start("ISO18626Message", "version", version.versionAttribute());
    }
    if (message instanceof Request r) {
      request(r);
    } else if (message instanceof RequestConfirmation c) {
      start("requestConfirmation");
      confirmationHeader(c.confirmationHeader());
      errors(c.errorData());
      end();
    } else if (message instanceof SupplyingAgencyMessage s) {
      supplyingAgencyMessage(s);
    } else if (message instanceof SupplyingAgencyMessageConfirmation c) {
      start("supplyingAgencyMessageConfirmation");
      confirmationHeader(c.confirmationHeader());
      code("reasonForMessage", c.reasonForMessage());
      errors(c.errorData());
      end();
    } else if (message instanceof RequestingAgencyMessage m) {
      start("requestingAgencyMessage");
      header(m.header(), HeaderKind.REQUESTING);
      reqCode("action", m.action());
      text("note", m.note());
      end();
    } else if (message instanceof RequestingAgencyMessageConfirmation c) {
      start("requestingAgencyMessageConfirmation");
      confirmationHeader(c.confirmationHeader());
      code("action", c.action());
      errors(c.errorData());
      end();
    }
    end();
    return w.toByteArray();
  }

  private enum HeaderKind { REQUEST, SUPPLYING, REQUESTING }

  private void request(Request r) throws Iso18626CodecException {
    start("request");
    header(r.header(), HeaderKind.REQUEST);
    bibliographicInfo(r.bibliographicInfo());
    PublicationInfo p = r.publicationInfo();
    if (p != null) {
      start("publicationInfo");
      text("publisher", p.publisher());
      if (!v17) {
        text("publisherId", p.publisherId());
      }
      sv("publicationType", p.publicationType());
      text("publicationDate", p.publicationDate());
      text("placeOfPublication", p.placeOfPublication());
      end();
    }
    if (!v17 && r.serviceInfo() == null) {
      throw missing("serviceInfo");
    }
    serviceInfo(r.serviceInfo());
    for (SupplierInfo s : r.supplierInfos()) {
      start("supplierInfo");
      sortOrder(s.sortOrder());
      agency("supplierCode", s.supplierCode());
      text("supplierDescription", s.supplierDescription());
      recordId(s.bibliographicRecordId());
      text("callNumber", s.callNumber());
      text("summaryHoldings", s.summaryHoldings());
      text("availabilityNote", s.availabilityNote());
      end();
    }
    for (RequestedDeliveryInfo d : r.requestedDeliveryInfos()) {
      start("requestedDeliveryInfo");
      sortOrder(d.sortOrder());
      address(d.address());
      if (!v17) {
        sv("deliveryMethod", d.deliveryMethod());
        sv("courierName", d.courierName());
      }
      end();
    }
    RequestingAgencyInfo a = r.requestingAgencyInfo();
    if (a != null) {
      start("requestingAgencyInfo");
      text("name", a.name());
      text("contactName", a.contactName());
      for (Address ad : a.addresses()) {
        address(ad);
      }
      end();
    }
    PatronInfo pi = r.patronInfo();
    if (pi != null) {
      start("patronInfo");
      text("patronId", pi.patronId());
      text("surname", pi.surname());
      text("givenName", pi.givenName());
      sv("patronType", pi.patronType());
      code("sendToPatron", pi.sendToPatron());
      for (Address ad : pi.addresses()) {
        address(ad);
      }
      end();
    }
    BillingInfo b = r.billingInfo();
    if (b != null) {
      start("billingInfo");
      sv("paymentMethod", b.paymentMethod());
      costs("maximumCosts", b.maximumCosts());
      sv("billingMethod", b.billingMethod());
      text("billingName", b.billingName());
      address(b.address());
      end();
    }
    end();
  }

  private void bibliographicInfo(BibliographicInfo b) throws Iso18626CodecException {
    start("bibliographicInfo");
    if (b != null) {
      text("supplierUniqueRecordId", b.supplierUniqueRecordId());
      text("title", b.title());
      text("author", b.author());
      if (!v17) {
        text("authorId", b.authorId());
      }
      text("subtitle", b.subtitle());
      text("seriesTitle", b.seriesTitle());
      text("edition", b.edition());
      text("titleOfComponent", b.titleOfComponent());
      text("authorOfComponent", b.authorOfComponent());
      for (String v : v17 && b.volumes().size() > 1 ? b.volumes().subList(0, 1) : b.volumes()) {
        text("volume", v);
      }
      text("issue", b.issue());
      text("pagesRequested", b.pagesRequested());
      text("estimatedNoPages", b.estimatedNoPages());
      for (BibliographicItemId id : b.itemIds()) {
        start("bibliographicItemId");
        if (v17) {
          reqText("bibliographicItemIdentifier", id.identifier());
          reqSv("bibliographicItemIdentifierCode", id.code());
        } else {
          reqSv("bibliographicItemIdentifierCode", id.code());
          reqText("bibliographicItemIdentifier", id.identifier());
        }
        end();
      }
      text("sponsor", b.sponsor());
      text("informationSource", b.informationSource());
      for (BibliographicRecordId id : b.recordIds()) {
        recordId(id);
      }
    }
    end();
  }

  private void recordId(BibliographicRecordId id) throws Iso18626CodecException {
    if (id != null) {
      start("bibliographicRecordId");
      reqSv("bibliographicRecordIdentifierCode", id.code());
      reqText("bibliographicRecordIdentifier", id.identifier());
      end();
    }
  }

  private void serviceInfo(ServiceInfo s) throws Iso18626CodecException {
    if (s == null) {
      return;
    }
    start("serviceInfo");
    code("requestType", s.requestType());
    List<RequestSubType> subTypes = v17 && s.requestSubTypes().size() > 3 ? s.requestSubTypes().subList(0, 3) : s.requestSubTypes();
    for (RequestSubType t : subTypes) {
      code("requestSubType", t);
    }
    text("requestingAgencyPreviousRequestId", s.requestingAgencyPreviousRequestId());
    reqCode("serviceType", s.serviceType());
    sv("serviceLevel", s.serviceLevel());
    sv(v17 ? "preferredFormat" : "itemFormat", s.itemFormat());
    date("needBeforeDate", s.needBeforeDate());
    sv("copyrightCompliance", s.copyrightCompliance());
    code("anyEdition", s.anyEdition());
    if (!v17) {
      code("preferredEdition", s.preferredEdition());
      for (SchemeValue c : s.loanConditions()) {
        sv("loanCondition", c);
      }
    }
    date("startDate", s.startDate());
    date("endDate", s.endDate());
    text("note", s.note());
    end();
  }

  private void supplyingAgencyMessage(SupplyingAgencyMessage s) throws Iso18626CodecException {
    start("supplyingAgencyMessage");
    header(s.header(), HeaderKind.SUPPLYING);
    MessageInfo mi = s.messageInfo();
    RetryInfo ri = s.retryInfo();
    start("messageInfo");
    reqCode("reasonForMessage", mi == null ? null : mi.reasonForMessage());
    if (mi != null) {
      code("answerYesNo", mi.answerYesNo());
      text("note", mi.note());
      sv("reasonUnfilled", mi.reasonUnfilled());
      sv("reasonRetry", mi.reasonRetry());
    }
    if (v17 && ri != null) {
      costs("offeredCosts", ri.offeredCosts().isEmpty() ? null : ri.offeredCosts().get(0));
      date("retryAfter", ri.retryAfter());
      date("retryBefore", ri.retryBefore());
    }
    end();
    StatusInfo st = s.statusInfo();
    start("statusInfo");
    if (st == null) {
      throw missing("status");
    }
    reqCode("status", st.status());
    date("expectedDeliveryDate", st.expectedDeliveryDate());
    date("dueDate", st.dueDate());
    reqDate("lastChange", st.lastChange());
    end();
    if (!v17 && ri != null) {
      start("retryInfo");
      svs("loanCondition", ri.loanConditions());
      texts("edition", ri.editions());
      svs("itemFormat", ri.itemFormats());
      texts("volume", ri.volumes());
      code("serviceType", ri.serviceType());
      svs("serviceLevel", ri.serviceLevels());
      svs("deliveryMethod", ri.deliveryMethods());
      svs("courierName", ri.courierNames());
      for (Costs c : ri.offeredCosts()) {
        costs("offeredCosts", c);
      }
      svs("paymentMethod", ri.paymentMethods());
      date("retryBefore", ri.retryBefore());
      date("retryAfter", ri.retryAfter());
      end();
    }
    DeliveryInfo d = s.deliveryInfo();
    if (d != null) {
      start("deliveryInfo");
      reqDate("dateSent", d.dateSent());
      texts("itemId", v17 && d.itemIds().size() > 1 ? d.itemIds().subList(0, 1) : d.itemIds());
      if (!v17) {
        text("URL", d.url());
      }
      sv(v17 ? "sentVia" : "deliveryMethod", d.deliveryMethod());
      if (!v17) {
        address(d.address());
      }
      text("sentToPatron", d.sentToPatron() == null ? null : d.sentToPatron().toString());
      svs("loanCondition", v17 && d.loanConditions().size() > 1 ? d.loanConditions().subList(0, 1) : d.loanConditions());
      sv(v17 ? "deliveredFormat" : "itemFormat", d.itemFormat());
      if (!v17) {
        code("serviceType", d.serviceType());
      }
      for (Costs c : v17 && d.deliveryCosts().size() > 1 ? d.deliveryCosts().subList(0, 1) : d.deliveryCosts()) {
        costs("deliveryCosts", c);
      }
      if (!v17) {
        sv("paymentMethod", d.paymentMethod());
      }
      end();
    }
    ShippingInfo sh = s.shippingInfo();
    if (!v17 && sh != null) {
      start("shippingInfo");
      sv("courierName", sh.courierName());
      texts("trackingId", sh.trackingIds());
      code("insurance", sh.insurance());
      code("insuranceThirdParty", sh.insuranceThirdParty());
      text("thirdPartyName", sh.thirdPartyName());
      for (Costs c : sh.insuranceCosts()) {
        costs("insuranceCosts", c);
      }
      end();
    }
    ReturnInfo rt = s.returnInfo();
    if (rt != null) {
      start("returnInfo");
      agency("returnAgencyId", rt.returnAgencyId());
      text("name", rt.name());
      physicalAddress(rt.physicalAddress());
      end();
    }
    end();
  }

  private void header(Header h, HeaderKind kind) throws Iso18626CodecException {
    if (h == null) {
      throw missing("header");
    }
    start("header");
    // 2021: a Request's header may leave out the supplier
    if (v17 || kind != HeaderKind.REQUEST) {
      reqAgency("supplyingAgencyId", h.supplyingAgencyId());
    } else {
      agency("supplyingAgencyId", h.supplyingAgencyId());
    }
    reqAgency("requestingAgencyId", h.requestingAgencyId());
    if (!v17 && kind != HeaderKind.SUPPLYING) {
      agency("consortialId", h.consortialId());
    }
    if (v17) {
      // Required by the 2017 schema even when there is no multiple-item request.
      textAlways("multipleItemRequestId", h.multipleItemRequestId());
    } else if (kind == HeaderKind.REQUEST) {
      text("multipleItemRequestId", h.multipleItemRequestId());
    }
    reqDate("timestamp", h.timestamp());
    reqText("requestingAgencyRequestId", h.requestingAgencyRequestId());
    if (v17 || kind != HeaderKind.REQUEST) {
      text("supplyingAgencyRequestId", h.supplyingAgencyRequestId());
    }
    if (v17 || kind != HeaderKind.SUPPLYING) {
      RequestingAgencyAuthentication a = h.requestingAgencyAuthentication();
      if (a != null) {
        start("requestingAgencyAuthentication");
        text("accountId", a.accountId());
        text("securityCode", a.securityCode());
        end();
      }
    }
    end();
  }

  private void confirmationHeader(ConfirmationHeader h) throws Iso18626CodecException {
    if (h == null) {
      throw missing("confirmationHeader");
    }
    start("confirmationHeader");
    agency("supplyingAgencyId", h.supplyingAgencyId());
    agency("requestingAgencyId", h.requestingAgencyId());
    reqDate("timestamp", h.timestamp());
    text("requestingAgencyRequestId", h.requestingAgencyRequestId());
    if (v17) {
      text("multipleItemRequestId", h.multipleItemRequestId());
    }
    reqDate("timestampReceived", h.timestampReceived());
    reqCode("messageStatus", h.messageStatus());
    end();
  }

  private void errors(List<ErrorData> errors) throws Iso18626CodecException {
    for (ErrorData e : v17 && errors.size() > 1 ? errors.subList(0, 1) : errors) {
      start("errorData");
      reqCode("errorType", e.errorType());
      text("errorValue", e.errorValue());
      end();
    }
  }

  private void address(Address a) throws Iso18626CodecException {
    if (a == null) {
      return;
    }
    ElectronicAddress e = a.electronicAddress();
    if (e == null && a.physicalAddress() == null) {
      throw missing("electronicAddress or physicalAddress");
    }
    start("address");
    if (e != null) {
      start("electronicAddress");
      reqSv("electronicAddressType", e.electronicAddressType());
      reqText("electronicAddressData", e.electronicAddressData());
      end();
    } else {
      physicalAddress(a.physicalAddress());
    }
    end();
  }

  private void physicalAddress(PhysicalAddress p) throws Iso18626CodecException {
    if (p == null) {
      return;
    }
    start("physicalAddress");
    text("line1", p.line1());
    text("line2", p.line2());
    text("locality", p.locality());
    text("postalCode", p.postalCode());
    if (v17) {
      sv("region", p.region());
    } else {
      text("region", p.region() == null ? null : p.region().value());
    }
    sv("country", p.country());
    end();
  }

  private void agency(String name, AgencyIdentifier a) throws Iso18626CodecException {
    if (a != null) {
      start(name);
      reqSv("agencyIdType", a.type());
      reqText("agencyIdValue", a.value());
      end();
    }
  }

  private void costs(String name, Costs c) throws Iso18626CodecException {
    if (c != null) {
      start(name);
      reqSv("currencyCode", c.currencyCode());
      reqText("monetaryValue", c.monetaryValue() == null ? null : c.monetaryValue().toPlainString());
      end();
    }
  }

  // ---------------------------------------------------------------- required elements and values

  /*
   * The writer refuses what its revision's schema would refuse, so that its output is valid without
   * an XSD pass (WriterOutputIsValidTest holds it to the validator over generated records): elements
   * the schema requires (minOccurs 1), 2021-only codes in a 2017 message, dates the schema cannot
   * carry, a negative 2021 sortOrder and a scheme that is not a URI. Records accept nulls because
   * partners send incomplete messages that the bridge must still read, store and show.
   */

  private Iso18626CodecException missing(String name) {
    return new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_ELEMENT,
        "schema " + version.versionAttribute() + ": the message has no " + name + ", which the schema requires");
  }

  private Iso18626CodecException badValue(String name, String why) {
    return new Iso18626CodecException(ErrorType.UNRECOGNISED_DATA_VALUE,
        "schema " + version.versionAttribute() + ": " + name + " " + why);
  }

  private void reqText(String name, String value) throws Iso18626CodecException {
    if (value == null) {
      throw missing(name);
    }
    textAlways(name, value);
  }

  private void reqCode(String name, CodeValue value) throws Iso18626CodecException {
    if (value == null) {
      throw missing(name);
    }
    code(name, value);
  }

  private void reqDate(String name, OffsetDateTime value) throws Iso18626CodecException {
    if (value == null) {
      throw missing(name);
    }
    date(name, value);
  }

  private void reqSv(String name, SchemeValue value) throws Iso18626CodecException {
    if (value == null) {
      throw missing(name);
    }
    sv(name, value);
  }

  private void reqAgency(String name, AgencyIdentifier value) throws Iso18626CodecException {
    if (value == null) {
      throw missing(name);
    }
    agency(name, value);
  }

  private void sortOrder(Integer value) throws Iso18626CodecException {
    if (value != null && value < 0 && !v17) {
      throw badValue("sortOrder", value + " is negative (the 2021 schema wants a non-negative integer)");
    }
    text("sortOrder", value == null ? null : value.toString());
  }

  // ---------------------------------------------------------------- primitives

  private void start(String name) throws Iso18626CodecException {
    w.start(name);
    if (sax != null) {
      sax.start(name, null, null);
    }
  }

  private void end() throws Iso18626CodecException {
    w.end();
    if (sax != null) {
      sax.end();
    }
  }

  private void characters(String value) throws Iso18626CodecException {
    w.text(value);
    if (sax != null) {
      sax.characters(value);
    }
  }

  private void text(String name, String value) throws Iso18626CodecException {
    if (value != null) {
      textAlways(name, value);
    }
  }

  private void textAlways(String name, String value) throws Iso18626CodecException {
    start(name);
    characters(value == null ? "" : value);
    end();
  }

  private void texts(String name, List<String> values) throws Iso18626CodecException {
    for (String v : values) {
      text(name, v);
    }
  }

  private void code(String name, CodeValue value) throws Iso18626CodecException {
    if (value != null) {
      if (v17 && value.since2021()) {
        throw badValue(name, value.code() + " exists only in the 2021 schema");
      }
      textAlways(name, value.code());
    }
  }

  private void sv(String name, SchemeValue value) throws Iso18626CodecException {
    if (value != null) {
      w.open(name);
      if (value.scheme() != null) {
        if (!SchemaValidator.isAnyUri(value.scheme())) {
          throw badValue(name, "has a scheme that is not a URI");
        }
        w.attribute("scheme", value.scheme());
      }
      w.close();
      if (sax != null) {
        sax.start(name, "scheme", value.scheme());
      }
      characters(value.value() == null ? "" : value.value());
      end();
    }
  }

  private void svs(String name, List<SchemeValue> values) throws Iso18626CodecException {
    for (SchemeValue v : values) {
      sv(name, v);
    }
  }

  private void date(String name, OffsetDateTime value) throws Iso18626CodecException {
    if (value != null) {
      OffsetDateTime t = XsDateTime.schemaOffset(value);
      if (t.getYear() < 1 || t.getYear() > 9999) {
        throw badValue(name, "year " + t.getYear() + " is outside 0001-9999");
      }
      textAlways(name, XsDateTime.format(t));
    }
  }

  /** Feeds the written elements to the revision's XSD validator. */
  private static final class Sax {
    private final Iso18626Version version;
    private final ValidatorHandler handler;
    private final AttributesImpl attributes = new AttributesImpl();
    private final String[] qNames = new String[32];
    private final String[] names = new String[32];
    private int depth;
    private char[] chars = new char[64];

    Sax(Iso18626Version version) throws Iso18626CodecException {
      this.version = version;
      this.handler = SchemaValidator.handler(version);
      handler.setDocumentLocator(null);
      try {
        handler.startDocument();
        handler.startPrefixMapping(P, NS);
      } catch (SAXException e) {
        throw SchemaValidator.failure(e, version);
      }
    }

    void start(String name, String attribute, String value) throws Iso18626CodecException {
      attributes.clear();
      if (value != null) {
        attributes.addAttribute(NS, attribute, qualified(attribute), "CDATA", value);
      }
      String qName = name; // raw name = local name: see SecureXmlParser.Sax
      if (depth == names.length) {
        throw new IllegalStateException("elements nested deeper than " + depth);
      }
      names[depth] = name;
      qNames[depth++] = qName;
      try {
        handler.startElement(NS, name, qName, attributes);
      } catch (SAXException e) {
        throw SchemaValidator.failure(e, version);
      }
    }

    /** The prefixed, interned attribute name, without an intern() call per attribute for the two the writer uses. */
    private static String qualified(String attribute) {
      return switch (attribute) {
        case "scheme" -> "ill:scheme";
        case "version" -> "ill:version";
        default -> (P + ':' + attribute).intern();
      };
    }

    void end() throws Iso18626CodecException {
      depth--;
      try {
        handler.endElement(NS, names[depth], qNames[depth]);
      } catch (SAXException e) {
        throw SchemaValidator.failure(e, version);
      }
    }

    void characters(String value) throws Iso18626CodecException {
      int n = value.length();
      if (n > chars.length) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      value.getChars(0, n, chars, 0);
      try {
        handler.characters(chars, 0, n);
      } catch (SAXException e) {
        throw SchemaValidator.failure(e, version);
      }
    }

    void finish() throws Iso18626CodecException {
      try {
        handler.endPrefixMapping(P);
        handler.endDocument();
      } catch (SAXException e) {
        throw SchemaValidator.failure(e, version);
      }
    }
  }
}
