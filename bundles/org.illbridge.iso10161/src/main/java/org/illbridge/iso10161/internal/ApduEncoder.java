package org.illbridge.iso10161.internal;

import static org.illbridge.iso10161.internal.DerWriter.APPLICATION;
import static org.illbridge.iso10161.internal.DerWriter.CONTEXT;
import static org.illbridge.iso10161.internal.DerWriter.UNIVERSAL;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.*;

/**
 * APDU records to DER (a valid BER subset every peer reads). DEFAULT values are omitted as DER
 * requires; YAZ accepts that. Required components that are null give an {@link
 * IllCodecException} of kind UNRECOGNISED_DATA_ELEMENT naming the component.
 *
 * <p>Components are written straight into a {@link DerWriter}, in the order of the ASN.1 module.
 * Hand-written rather than building BouncyCastle objects and DER-encoding them: the hot path of
 * the codec, measured in itests/benchmarks/iso10161-codec.md. BouncyCastle still turns OIDs into
 * their encoding and checks / normalises the opaque values ({@link RawBer}) passed through.
 */
public final class ApduEncoder {
  private static final int SEQUENCE = 16;
  private static final int INTEGER = 2;
  private static final int ENUMERATED = 10;
  private static final int EXTERNAL = 8;
  private static final int VISIBLE_STRING = 26;
  private static final int GENERAL_STRING = 27;
  private static final int PRINTABLE_STRING = 19;

  private final DerWriter w = new DerWriter(1024);

  private ApduEncoder() {}

  public static byte[] encode(IllApdu apdu) throws IllCodecException {
    if (apdu == null) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, null, "no APDU");
    }
    try {
      ApduEncoder e = new ApduEncoder();
      int m = e.w.open(APPLICATION, apdu.type().code());
      e.body(apdu);
      e.w.close(m);
      return e.w.toByteArray();
    } catch (IllCodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, apdu.type().name(),
          "cannot encode: " + e.getMessage(), e);
    }
  }

  private void body(IllApdu apdu) throws IllCodecException {
    String n = apdu.type().name();
    ApduHeader h = need(apdu.header(), n, "header");
    int seq = w.openSequence();
    w.integer(CONTEXT, 0, h.protocolVersion());
    transactionId(1, need(h.transactionId(), n, "transaction-id"));
    serviceDateTime(2, need(h.serviceDateTime(), n, "service-date-time"));
    systemId(3, h.requesterId());
    systemId(4, h.responderId());
    if (apdu instanceof IllRequest r) {
      en(5, r.transactionType() == TransactionType.SIMPLE ? null : r.transactionType());
      deliveryAddress(6, r.deliveryAddress());
      deliveryService(r.deliveryService());
      if (r.serviceTypes().isEmpty()) {
        throw missing(n, "iLL-service-type");
      }
      deliveryAddress(8, r.billingAddress());
      int m = w.open(9);
      for (IllServiceType t : r.serviceTypes()) {
        enU(need(t, n, "iLL-service-type"));
      }
      w.close(m);
      rawE(10, r.responderSpecificService());
      requesterOptional(11, need(r.requesterOptionalMessages(), n,
          "requester-optional-messages"));
      searchType(12, r.searchType());
      if (!r.supplyMediumInfo().isEmpty()) {
        m = w.open(13);
        for (SupplyMediumInfo i : r.supplyMediumInfo()) {
          int e = w.openSequence();
          en(0, need(i.type(), n, "supply-medium-type"));
          str(1, i.characteristics());
          w.close(e);
        }
        w.close(m);
      }
      en(14, r.placeOnHold() == PlaceOnHold.ACCORDING_TO_RESPONDER_POLICY ? null
          : r.placeOnHold());
      clientId(15, r.clientId());
      itemId(16, need(r.itemId(), n, "item-id"));
      externals(17, r.supplementalItemDescription());
      costInfo(18, r.costInfo());
      str(19, r.copyrightCompliance());
      thirdParty(20, r.thirdPartyInfo());
      trueOnly(21, r.retryFlag());
      trueOnly(22, r.forwardFlag());
      str(46, r.requesterNote());
      str(47, r.forwardNote());
    } else if (apdu instanceof ForwardNotification f) {
      systemAddress(24, f.responderAddress());
      systemId(25, need(f.intermediaryId(), n, "intermediary-id"));
      str(48, f.notificationNote());
    } else if (apdu instanceof Shipped r) {
      systemAddress(24, r.responderAddress());
      systemId(25, r.intermediaryId());
      systemId(26, r.supplierId());
      clientId(15, r.clientId());
      en(5, r.transactionType() == TransactionType.SIMPLE ? null : r.transactionType());
      externals(17, r.supplementalItemDescription());
      en(27, need(r.shippedServiceType(), n, "shipped-service-type"));
      responderOptional(28, r.responderOptionalMessages());
      supplyDetails(29, need(r.supplyDetails(), n, "supply-details"));
      postalAddress(30, r.returnToAddress());
      str(46, r.responderNote());
    } else if (apdu instanceof IllAnswer a) {
      en(31, need(a.transactionResults(), n, "transaction-results"));
      results(32, a.resultsExplanation());
      rawE(33, a.responderSpecificResults());
      externals(17, a.supplementalItemDescription());
      sendToList(23, a.sendToList());
      systemIds(34, a.alreadyTriedList());
      responderOptional(28, a.responderOptionalMessages());
      str(46, a.responderNote());
    } else if (apdu instanceof ConditionalReply c) {
      w.bool(CONTEXT, 35, c.answer());
      str(46, c.requesterNote());
    } else if (apdu instanceof Cancel c) {
      str(46, c.requesterNote());
    } else if (apdu instanceof CancelReply c) {
      w.bool(CONTEXT, 35, c.answer());
      str(46, c.responderNote());
    } else if (apdu instanceof Received r) {
      systemId(26, r.supplierId());
      externals(17, r.supplementalItemDescription());
      vis(36, need(r.dateReceived(), n, "date-received"));
      en(27, need(r.shippedServiceType(), n, "shipped-service-type"));
      str(46, r.requesterNote());
    } else if (apdu instanceof Recall r) {
      str(46, r.responderNote());
    } else if (apdu instanceof Returned r) {
      externals(17, r.supplementalItemDescription());
      vis(37, need(r.dateReturned(), n, "date-returned"));
      str(38, r.returnedVia());
      amount(39, r.insuredFor());
      str(46, r.requesterNote());
    } else if (apdu instanceof CheckedIn c) {
      vis(40, need(c.dateCheckedIn(), n, "date-checked-in"));
      str(46, c.responderNote());
    } else if (apdu instanceof Overdue o) {
      dateDue(41, need(o.dateDue(), n, "date-due"));
      str(46, o.responderNote());
      // overdue-extensions is the one EXPLICIT [49] of the module
      if (!o.extensions().isEmpty()) {
        int m = w.open(49);
        int s = w.openSequence();
        extensionList(o.extensions());
        w.close(s);
        w.close(m);
      }
      w.close(seq);
      return;
    } else if (apdu instanceof Renew r) {
      vis(42, r.desiredDueDate());
      str(46, r.requesterNote());
    } else if (apdu instanceof RenewAnswer r) {
      w.bool(CONTEXT, 35, r.answer());
      dateDue(41, r.dateDue());
      str(46, r.responderNote());
    } else if (apdu instanceof Lost l) {
      str(46, l.note());
    } else if (apdu instanceof Damaged d) {
      damagedDetails(5, d.damagedDetails());
      str(46, d.note());
    } else if (apdu instanceof Message m) {
      str(46, need(m.note(), n, "note"));
    } else if (apdu instanceof StatusQuery q) {
      str(46, q.note());
    } else if (apdu instanceof StatusOrErrorReport r) {
      en(43, r.reasonNoReport());
      statusReport(44, r.statusReport());
      errorReport(45, r.errorReport());
      str(46, r.note());
    } else if (apdu instanceof Expired e) {
      // header and extensions only
    }
    if (!apdu.extensions().isEmpty()) {
      int m = w.open(49);
      extensionList(apdu.extensions());
      w.close(m);
    }
    w.close(seq);
  }

  // ---------------------------------------------------------------- primitives

  static <T> T need(T value, String type, String component) throws IllCodecException {
    if (value == null) {
      throw missing(type, component);
    }
    return value;
  }

  static IllCodecException missing(String type, String component) {
    return new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type + "." + component,
        "required component missing");
  }

  /** An ILL-String, untagged: GeneralString (UTF-8) or EDIFACTString (VisibleString). */
  private void illString(IllString s) {
    if (s.form() == IllString.Form.EDIFACT) {
      w.latin1(UNIVERSAL, VISIBLE_STRING, s.value());
    } else {
      w.utf8(UNIVERSAL, GENERAL_STRING, s.value());
    }
  }

  /** EXPLICIT [tag] ILL-String, when present. */
  private void str(int tag, IllString s) {
    if (s != null) {
      int m = w.open(tag);
      illString(s);
      w.close(m);
    }
  }

  /** IMPLICIT [tag] VisibleString (ISO-Date, ISO-Time, ...), when present. */
  private void vis(int tag, String s) {
    if (s != null) {
      w.latin1(CONTEXT, tag, s);
    }
  }

  /** IMPLICIT [tag] ENUMERATED, when present. */
  private void en(int tag, IllEnum e) {
    if (e != null) {
      w.integer(CONTEXT, tag, e.code());
    }
  }

  private void enU(IllEnum e) {
    w.integer(UNIVERSAL, ENUMERATED, e.code());
  }

  /** IMPLICIT [tag] BOOLEAN DEFAULT FALSE: written only when true. */
  private void trueOnly(int tag, boolean v) {
    if (v) {
      w.bool(CONTEXT, tag, true);
    }
  }

  /** IMPLICIT [tag] OBJECT IDENTIFIER; BouncyCastle checks and encodes the dotted form. */
  private void oid(int tag, String oid) throws IllCodecException {
    byte[] der;
    try {
      der = new ASN1ObjectIdentifier(oid).getEncoded();
    } catch (IOException e) {
      throw new IllCodecException(Kind.MALFORMED, null, "cannot encode OID " + oid, e);
    }
    // an OID's encoding is short: tag, one length octet, contents
    w.primitive(CONTEXT, tag, der, 2, der.length - 2);
  }

  /** An opaque value, as DER (BouncyCastle checks it is one valid BER value and normalises). */
  private void raw(RawBer r) throws IllCodecException {
    byte[] der;
    try {
      der = ASN1Primitive.fromByteArray(r.encoded()).getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, "RawBer", "not one valid BER value", e);
    }
    w.raw(der);
  }

  /** EXPLICIT [tag] opaque value, when present. */
  private void rawE(int tag, RawBer r) throws IllCodecException {
    if (r != null) {
      int m = w.open(tag);
      raw(r);
      w.close(m);
    }
  }

  private void externals(int tag, List<RawBer> list) throws IllCodecException {
    if (!list.isEmpty()) {
      int m = w.open(tag);
      for (RawBer r : list) {
        raw(r);
      }
      w.close(m);
    }
  }

  // ---------------------------------------------------------------- identities

  private void transactionId(int tag, TransactionId t) throws IllCodecException {
    int m = w.open(tag);
    systemId(0, t.initialRequesterId());
    str(1, need(t.groupQualifier(), "Transaction-Id", "transaction-group-qualifier"));
    str(2, need(t.qualifier(), "Transaction-Id", "transaction-qualifier"));
    str(3, t.subQualifier());
    w.close(m);
  }

  private void serviceDateTime(int tag, ServiceDateTime s) throws IllCodecException {
    int m = w.open(tag);
    dateTime(0, need(s.thisService(), "Service-Date-Time", "date-time-of-this-service"));
    dateTime(1, s.originalService());
    w.close(m);
  }

  private void dateTime(int tag, IsoDateTime d) throws IllCodecException {
    if (d != null) {
      int m = w.open(tag);
      vis(0, need(d.date(), "Service-Date-Time", "date"));
      vis(1, d.time());
      w.close(m);
    }
  }

  /** IMPLICIT [tag] System-Id, when present. */
  private void systemId(int tag, SystemId id) {
    if (id != null) {
      int m = w.open(tag);
      systemIdContents(id);
      w.close(m);
    }
  }

  private void systemIdSequence(SystemId id) {
    int m = w.openSequence();
    systemIdContents(id);
    w.close(m);
  }

  private void systemIdContents(SystemId id) {
    if (id.symbol() != null) {
      int m = w.open(0);
      int c = w.open(id.symbol().kind() == PartyKind.PERSON ? 0 : 1);
      illString(id.symbol().value());
      w.close(c);
      w.close(m);
    }
    nameOf(1, id.name());
  }

  /** EXPLICIT [tag] Name-Of-Person-Or-Institution (itself a CHOICE of EXPLICIT strings). */
  private void nameOf(int tag, NameOfPersonOrInstitution name) {
    if (name != null) {
      int m = w.open(tag);
      int c = w.open(name.kind() == PartyKind.PERSON ? 0 : 1);
      illString(name.value());
      w.close(c);
      w.close(m);
    }
  }

  private void systemIds(int tag, List<SystemId> ids) {
    if (!ids.isEmpty()) {
      int m = w.open(tag);
      for (SystemId id : ids) {
        systemIdSequence(id);
      }
      w.close(m);
    }
  }

  private void systemAddress(int tag, SystemAddress a) {
    if (a != null) {
      int m = w.open(tag);
      str(0, a.telecomServiceIdentifier());
      str(1, a.telecomServiceAddress());
      w.close(m);
    }
  }

  private void postalAddress(int tag, PostalAddress a) {
    if (a != null) {
      int m = w.open(tag);
      postalAddressContents(a);
      w.close(m);
    }
  }

  private void postalAddressContents(PostalAddress a) {
    nameOf(0, a.name());
    str(1, a.extendedPostalDeliveryAddress());
    str(2, a.streetAndNumber());
    str(3, a.postOfficeBox());
    str(4, a.city());
    str(5, a.region());
    str(6, a.country());
    str(7, a.postalCode());
  }

  private void deliveryAddress(int tag, DeliveryAddress a) {
    if (a != null) {
      int m = w.open(tag);
      postalAddress(0, a.postalAddress());
      systemAddress(1, a.electronicAddress());
      w.close(m);
    }
  }

  private void deliveryService(DeliveryService d) throws IllCodecException {
    if (d instanceof DeliveryService.Physical p) {
      str(7, need(p.transportationMode(), "Delivery-Service", "physical-delivery"));
    } else if (d instanceof DeliveryService.Electronic e) {
      int m = w.open(50);
      for (ElectronicDeliveryService x : e.services()) {
        int s = w.openSequence();
        electronicDeliveryContents(x);
        w.close(s);
      }
      w.close(m);
    }
  }

  private void electronicDeliveryContents(ElectronicDeliveryService e)
      throws IllCodecException {
    String n = "Electronic-Delivery-Service";
    if (e.deliveryMode() != null) {
      int m = w.open(0);
      oid(0, e.deliveryMode());
      rawE(1, need(e.deliveryParameters(), n, "e-delivery-parameters"));
      w.close(m);
    }
    if (e.documentTypeId() != null) {
      int m = w.open(1);
      oid(2, e.documentTypeId());
      rawE(3, need(e.documentTypeParameters(), n, "document-type-parameters"));
      w.close(m);
    }
    str(4, e.description());
    int m = w.open(5);
    if (e.deliveryAddress() != null) {
      int c = w.open(0);
      str(0, e.deliveryAddress().telecomServiceIdentifier());
      str(1, e.deliveryAddress().telecomServiceAddress());
      w.close(c);
    } else {
      SystemId id = need(e.deliveryId(), n, "e-delivery-details");
      int c = w.open(1);
      systemIdContents(id);
      w.close(c);
    }
    w.close(m);
    str(6, e.nameOrCode());
    vis(7, e.deliveryTime());
  }

  // ---------------------------------------------------------------- request parts

  private void requesterOptional(int tag, RequesterOptionalMessages r)
      throws IllCodecException {
    String n = "Requester-Optional-Messages-Type";
    int m = w.open(tag);
    w.bool(CONTEXT, 0, r.canSendReceived());
    w.bool(CONTEXT, 1, r.canSendReturned());
    en(2, need(r.requesterShipped(), n, "requester-SHIPPED"));
    en(3, need(r.requesterCheckedIn(), n, "requester-CHECKED-IN"));
    w.close(m);
  }

  private void responderOptional(int tag, ResponderOptionalMessages r)
      throws IllCodecException {
    if (r == null) {
      return;
    }
    String n = "Responder-Optional-Messages-Type";
    int m = w.open(tag);
    w.bool(CONTEXT, 0, r.canSendShipped());
    w.bool(CONTEXT, 1, r.canSendCheckedIn());
    en(2, need(r.responderReceived(), n, "responder-RECEIVED"));
    en(3, need(r.responderReturned(), n, "responder-RETURNED"));
    w.close(m);
  }

  private void searchType(int tag, SearchType t) {
    if (t == null) {
      return;
    }
    int m = w.open(tag);
    str(0, t.levelOfService());
    vis(1, t.needBeforeDate());
    en(2, t.expiryFlag() == ExpiryFlag.NO_EXPIRY ? null : t.expiryFlag());
    vis(3, t.expiryDate());
    w.close(m);
  }

  private void clientId(int tag, ClientId c) {
    if (c == null) {
      return;
    }
    int m = w.open(tag);
    str(0, c.name());
    str(1, c.status());
    str(2, c.identifier());
    w.close(m);
  }

  private void itemId(int tag, ItemId i) throws IllCodecException {
    int m = w.open(tag);
    en(0, i.itemType());
    en(1, i.heldMediumType());
    str(2, i.callNumber());
    str(3, i.author());
    str(4, i.title());
    str(5, i.subTitle());
    str(6, i.sponsoringBody());
    str(7, i.placeOfPublication());
    str(8, i.publisher());
    str(9, i.seriesTitleNumber());
    str(10, i.volumeIssue());
    str(11, i.edition());
    str(12, i.publicationDate());
    str(13, i.publicationDateOfComponent());
    str(14, i.authorOfArticle());
    str(15, i.titleOfArticle());
    str(16, i.pagination());
    rawE(17, i.nationalBibliographyNo());
    str(18, i.isbn());
    str(19, i.issn());
    rawE(20, i.systemNo());
    str(21, i.additionalNoLetters());
    str(22, i.verificationReferenceSource());
    w.close(m);
  }

  private void amount(int tag, Amount a) throws IllCodecException {
    if (a == null) {
      return;
    }
    int m = w.open(tag);
    if (a.currencyCode() != null) {
      w.latin1(CONTEXT, 0, a.currencyCode());
    }
    w.latin1(CONTEXT, 1, need(a.monetaryValue(), "Amount", "monetary-value"));
    w.close(m);
  }

  private void costInfo(int tag, CostInfoType c) throws IllCodecException {
    if (c == null) {
      return;
    }
    int m = w.open(tag);
    str(0, c.accountNumber());
    amount(1, c.maximumCost());
    trueOnly(2, c.reciprocalAgreement());
    trueOnly(3, c.willPayFee());
    trueOnly(4, c.paymentProvided());
    w.close(m);
  }

  private void thirdParty(int tag, ThirdPartyInfo t) throws IllCodecException {
    if (t == null) {
      return;
    }
    int m = w.open(tag);
    trueOnly(0, t.permissionToForward());
    trueOnly(1, t.permissionToChain());
    trueOnly(2, t.permissionToPartition());
    trueOnly(3, t.permissionToChangeSendToList());
    systemAddress(4, t.initialRequesterAddress());
    en(5, t.preference() == SendToPreference.UNORDERED ? null : t.preference());
    sendToList(6, t.sendToList());
    systemIds(7, t.alreadyTriedList());
    w.close(m);
  }

  private void sendToList(int tag, List<SendToEntry> list) throws IllCodecException {
    if (list.isEmpty()) {
      return;
    }
    int m = w.open(tag);
    for (SendToEntry e : list) {
      int s = w.openSequence();
      systemId(0, need(e.systemId(), "Send-To-List-Type", "system-id"));
      str(1, e.accountNumber());
      systemAddress(2, e.systemAddress());
      w.close(s);
    }
    w.close(m);
  }

  // ---------------------------------------------------------------- answer, shipped, reports

  private void locations(int tag, List<LocationInfo> list) throws IllCodecException {
    if (list.isEmpty()) {
      return;
    }
    int m = w.open(tag);
    for (LocationInfo l : list) {
      int s = w.openSequence();
      systemId(0, need(l.id(), "Location-Info", "location-id"));
      systemAddress(1, l.address());
      str(2, l.note());
      w.close(s);
    }
    w.close(m);
  }

  /** EXPLICIT [tag] Results-Explanation: a CHOICE of EXPLICIT [1..7] SEQUENCEs. */
  private void results(int tag, ResultsExplanation r) throws IllCodecException {
    if (r == null) {
      return;
    }
    int choice;
    if (r instanceof ConditionalResults) {
      choice = 1;
    } else if (r instanceof RetryResults) {
      choice = 2;
    } else if (r instanceof UnfilledResults) {
      choice = 3;
    } else if (r instanceof LocationsResults c) {
      if (c.locations().isEmpty()) {
        throw missing("Locations-Results", "locations");
      }
      choice = 4;
    } else if (r instanceof WillSupplyResults) {
      choice = 5;
    } else if (r instanceof HoldPlacedResults) {
      choice = 6;
    } else if (r instanceof EstimateResults) {
      choice = 7;
    } else {
      throw new IllegalStateException("unknown results");
    }
    int outer = w.open(tag);
    int alt = w.open(choice);
    int s = w.openSequence();
    if (r instanceof ConditionalResults c) {
      en(0, need(c.conditions(), "Conditional-Results", "conditions"));
      vis(1, c.dateForReply());
      locations(2, c.locations());
      deliveryService(c.proposedDeliveryService());
    } else if (r instanceof RetryResults c) {
      en(0, c.reasonNotAvailable());
      vis(1, c.retryDate());
      locations(2, c.locations());
    } else if (r instanceof UnfilledResults c) {
      en(0, need(c.reasonUnfilled(), "Unfilled-Results", "reason-unfilled"));
      locations(1, c.locations());
    } else if (r instanceof LocationsResults c) {
      en(0, c.reasonLocsProvided());
      locations(1, c.locations());
    } else if (r instanceof WillSupplyResults c) {
      ReasonCode reason = need(c.reasonWillSupply(), "Will-Supply-Results", "reason-will-supply");
      int m = w.open(0);
      enU(reason);
      w.close(m);
      if (c.supplyDate() != null) {
        m = w.open(1);
        w.latin1(UNIVERSAL, VISIBLE_STRING, c.supplyDate());
        w.close(m);
      }
      if (c.returnToAddress() != null) {
        m = w.open(2);
        int p = w.openSequence();
        postalAddressContents(c.returnToAddress());
        w.close(p);
        w.close(m);
      }
      locations(3, c.locations());
      if (c.electronicDeliveryService() != null) {
        m = w.open(4);
        int p = w.openSequence();
        electronicDeliveryContents(c.electronicDeliveryService());
        w.close(p);
        w.close(m);
      }
    } else if (r instanceof HoldPlacedResults c) {
      vis(0, need(c.estimatedDateAvailable(), "Hold-Placed-Results",
          "estimated-date-available"));
      en(1, c.holdPlacedMediumType());
      locations(2, c.locations());
    } else if (r instanceof EstimateResults c) {
      str(0, need(c.costEstimate(), "Estimate-Results", "cost-estimate"));
      locations(1, c.locations());
    }
    w.close(s);
    w.close(alt);
    w.close(outer);
  }

  private void dateDue(int tag, DateDue d) throws IllCodecException {
    if (d == null) {
      return;
    }
    int m = w.open(tag);
    vis(0, need(d.date(), "Date-Due", "date-due-field"));
    if (!d.renewable()) {
      w.bool(CONTEXT, 1, false);
    }
    w.close(m);
  }

  private void supplyDetails(int tag, SupplyDetails d) throws IllCodecException {
    if (d.shippedViaPhysical() != null && d.shippedViaElectronic() != null) {
      throw new IllCodecException(Kind.MALFORMED, "Supply-Details.shipped-via",
          "both physical and electronic delivery");
    }
    int m = w.open(tag);
    vis(0, d.dateShipped());
    dateDue(1, d.dateDue());
    if (d.chargeableUnits() != null) {
      w.integer(CONTEXT, 2, d.chargeableUnits());
    }
    amount(3, d.cost());
    en(4, d.shippedConditions());
    str(5, d.shippedViaPhysical());
    if (d.shippedViaElectronic() != null) {
      int e = w.open(50);
      electronicDeliveryContents(d.shippedViaElectronic());
      w.close(e);
    }
    amount(6, d.insuredFor());
    amount(7, d.returnInsuranceRequired());
    if (!d.unitsPerMedium().isEmpty()) {
      int l = w.open(8);
      for (UnitsPerMedium u : d.unitsPerMedium()) {
        int s = w.openSequence();
        MediumType medium = need(u.medium(), "Units-Per-Medium-Type", "medium");
        int x = w.open(0);
        enU(medium);
        w.close(x);
        x = w.open(1);
        w.integer(UNIVERSAL, INTEGER, u.units());
        w.close(x);
        w.close(s);
      }
      w.close(l);
    }
    w.close(m);
  }

  private void damagedDetails(int tag, DamagedDetails d) throws IllCodecException {
    if (d == null) {
      return;
    }
    int m = w.open(tag);
    if (d.documentTypeId() != null) {
      oid(0, d.documentTypeId());
    }
    if (d.completeDocument()) {
      w.primitive(CONTEXT, 1, new byte[0], 0, 0);
    } else {
      int l = w.open(2);
      for (Long u : d.specificUnits()) {
        w.integer(UNIVERSAL, INTEGER, u);
      }
      w.close(l);
    }
    w.close(m);
  }

  private void statusReport(int tag, StatusReport r) throws IllCodecException {
    if (r == null) {
      return;
    }
    String n = "History-Report";
    HistoryReport h = need(r.userStatusReport(), "Status-Report", "user-status-report");
    int m = w.open(tag);
    int x = w.open(0);
    vis(0, h.dateRequested());
    str(1, h.author());
    str(2, h.title());
    str(3, h.authorOfArticle());
    str(4, h.titleOfArticle());
    vis(5, need(h.dateOfLastTransition(), n, "date-of-last-transition"));
    en(6, need(h.mostRecentService(), n, "most-recent-service"));
    vis(7, need(h.dateOfMostRecentService(), n, "date-of-most-recent-service"));
    systemId(8, need(h.initiatorOfMostRecentService(), n, "initiator-of-most-recent-service"));
    en(9, h.shippedServiceType());
    en(10, h.transactionResults());
    str(11, h.mostRecentServiceNote());
    w.close(x);
    en(1, need(r.providerStatusReport(), "Status-Report", "provider-status-report"));
    w.close(m);
  }

  private void errorReport(int tag, ErrorReport r) throws IllCodecException {
    if (r == null) {
      return;
    }
    int m = w.open(tag);
    str(0, need(r.correlationInformation(), "Error-Report", "correlation-information"));
    en(1, need(r.reportSource(), "Error-Report", "report-source"));
    userError(2, r.userErrorReport());
    providerError(3, r.providerErrorReport());
    w.close(m);
  }

  /** EXPLICIT [tag] User-Error-Report, a CHOICE of IMPLICIT alternatives (security: EXPLICIT). */
  private void userError(int tag, UserErrorReport u) throws IllCodecException {
    if (u == null) {
      return;
    }
    if (u instanceof UserErrorReport.SecurityProblem p) {
      IllString text = need(p.text(), "User-Error-Report", "security");
      int m = w.open(tag);
      str(2, text);
      w.close(m);
      return;
    }
    if (u instanceof UserErrorReport.IntermediaryProblem p && p.code() < 0) {
      throw new IllCodecException(Kind.MALFORMED, "User-Error-Report",
          "cannot encode: enumerated must be non-negative");
    }
    UnableToPerform reason = u instanceof UserErrorReport.UnableToPerformReport x
        ? need(x.reason(), "User-Error-Report", "unable-to-perform") : null;
    int m = w.open(tag);
    if (u instanceof UserErrorReport.AlreadyForwarded a) {
      SystemId id = need(a.responderId(), "Already-Forwarded", "responder-id");
      int c = w.open(0);
      systemId(0, id);
      systemAddress(1, a.responderAddress());
      w.close(c);
    } else if (u instanceof UserErrorReport.IntermediaryProblem p) {
      w.integer(CONTEXT, 1, p.code());
    } else {
      w.integer(CONTEXT, 3, reason.code());
    }
    w.close(m);
  }

  /** EXPLICIT [tag] Provider-Error-Report, a CHOICE of IMPLICIT alternatives. */
  private void providerError(int tag, ProviderErrorReport p) throws IllCodecException {
    if (p == null) {
      return;
    }
    if (p instanceof ProviderErrorReport.General g) {
      GeneralProblem problem = need(g.problem(), "Provider-Error-Report", "general-problem");
      int m = w.open(tag);
      en(0, problem);
      w.close(m);
    } else if (p instanceof ProviderErrorReport.TransactionIdProblemReport t) {
      TransactionIdProblem problem =
          need(t.problem(), "Provider-Error-Report", "transaction-id-problem");
      int m = w.open(tag);
      en(1, problem);
      w.close(m);
    } else {
      ProviderErrorReport.StateTransitionProhibited st =
          (ProviderErrorReport.StateTransitionProhibited) p;
      ApduType type = need(st.apduType(), "State-Transition-Prohibited", "aPDU-type");
      CurrentState state = need(st.currentState(), "State-Transition-Prohibited", "current-state");
      int m = w.open(tag);
      int c = w.open(2);
      en(0, type);
      en(1, state);
      w.close(c);
      w.close(m);
    }
  }

  // ---------------------------------------------------------------- extensions

  /** The Extension SEQUENCEs of an extension list (the caller writes the list's tag). */
  private void extensionList(List<Extension> list) throws IllCodecException {
    for (Extension e : list) {
      int s = w.openSequence();
      w.integer(CONTEXT, 0, e.identifier());
      trueOnly(1, e.critical());
      ExtensionItem item = need(e.item(), "Extension", "item");
      int m = w.open(2);
      extensionItem(item);
      w.close(m);
      w.close(s);
    }
  }

  private void extensionItem(ExtensionItem item) throws IllCodecException {
    if (item instanceof RawBer r) {
      raw(r);
    } else if (item instanceof OclcIllRequestExtension o) {
      int[] m = openExternal(OCLC_OID);
      str(0, o.clientDepartment());
      str(1, o.paymentMethod());
      str(2, o.uniformTitle());
      str(3, o.dissertation());
      str(4, o.issueNumber());
      str(5, o.volume());
      str(6, o.affiliations());
      str(7, o.source());
      closeExternal(m);
    } else if (item instanceof ApduDeliveryInfo d) {
      if (d.senderInfo().isEmpty() || d.recipientInfo().isEmpty()) {
        throw missing("APDU-Delivery-Info", "sender-info/recipient-info");
      }
      int[] m = openExternal(DELIVERY_INFO_OID);
      deliveryParameters(0, d.senderInfo());
      deliveryParameters(1, d.recipientInfo());
      if (!d.transponderInfo().isEmpty()) {
        deliveryParameters(2, d.transponderInfo());
      }
      closeExternal(m);
    } else {
      throw new IllegalStateException("unknown item");
    }
  }

  private void deliveryParameters(int tag, List<ApduDeliveryParameters> list)
      throws IllCodecException {
    int m = w.open(tag);
    for (ApduDeliveryParameters p : list) {
      SystemAddress transport = need(p.transport(), "APDU-Delivery-Parameters", "transport");
      int s = w.openSequence();
      int e = w.open(0);
      for (ApduEncoding x : p.encoding()) {
        enU(x);
      }
      w.close(e);
      systemAddress(1, transport);
      systemIds(2, p.aliases());
      w.close(s);
    }
    w.close(m);
  }

  private static final byte[] OCLC_OID = oidTlv(OclcIllRequestExtension.OID);
  private static final byte[] DELIVERY_INFO_OID = oidTlv(ApduDeliveryInfo.OID);

  private static byte[] oidTlv(String oid) {
    try {
      return new ASN1ObjectIdentifier(oid).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * EXTERNAL with a direct reference and single-ASN1-type encoding, as YAZ writes it: opens the
   * EXTERNAL, [0] and the SEQUENCE the caller fills.
   */
  private int[] openExternal(byte[] oidTlv) {
    int ext = w.open(UNIVERSAL, EXTERNAL);
    w.raw(oidTlv);
    int enc = w.open(0);
    int seq = w.openSequence();
    return new int[] {ext, enc, seq};
  }

  private void closeExternal(int[] marks) {
    w.close(marks[2]);
    w.close(marks[1]);
    w.close(marks[0]);
  }
}
