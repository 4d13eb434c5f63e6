package org.illbridge.iso10161.internal;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralString;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERExternal;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERVisibleString;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.*;

// Test oracle: the BouncyCastle-based codec that the hand-written BerTree / DerWriter codec
// replaced (as of commit 0a652e8), kept unchanged for BcEquivalenceTest.

/**
 * APDU records to DER (a valid BER subset every peer reads). DEFAULT values are omitted as DER
 * requires; YAZ accepts that. Required components that are null give an {@link
 * IllCodecException} of kind UNRECOGNISED_DATA_ELEMENT naming the component.
 */
public final class LegacyBcEncoder {

  private LegacyBcEncoder() {}

  public static byte[] encode(IllApdu apdu) throws IllCodecException {
    if (apdu == null) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, null, "no APDU");
    }
    try {
      DERSequence body = body(apdu);
      return new DERTaggedObject(true, BERTags.APPLICATION, apdu.type().code(), body)
          .getEncoded(ASN1Encoding.DER);
    } catch (IllCodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, apdu.type().name(),
          "cannot encode: " + e.getMessage(), e);
    }
  }

  private static DERSequence body(IllApdu apdu) throws IllCodecException {
    String n = apdu.type().name();
    ApduHeader h = need(apdu.header(), n, "header");
    LegacySeq s = new LegacySeq()
        .i(0, new ASN1Integer(h.protocolVersion()))
        .i(1, transactionId(need(h.transactionId(), n, "transaction-id")))
        .i(2, serviceDateTime(need(h.serviceDateTime(), n, "service-date-time")))
        .i(3, systemId(h.requesterId()))
        .i(4, systemId(h.responderId()));
          if (apdu instanceof IllRequest r) {
        s.i(5, r.transactionType() == TransactionType.SIMPLE ? null : en(r.transactionType()))
            .i(6, deliveryAddress(r.deliveryAddress()));
        deliveryService(s, r.deliveryService());
        if (r.serviceTypes().isEmpty()) {
          throw missing(n, "iLL-service-type");
        }
        ASN1EncodableVector types = new ASN1EncodableVector();
        for (IllServiceType t : r.serviceTypes()) {
          types.add(en(need(t, n, "iLL-service-type")));
        }
        s.i(8, deliveryAddress(r.billingAddress()))
            .i(9, new DERSequence(types))
            .e(10, raw(r.responderSpecificService()))
            .i(11, requesterOptional(need(r.requesterOptionalMessages(), n,
                "requester-optional-messages")))
            .i(12, searchType(r.searchType()));
        if (!r.supplyMediumInfo().isEmpty()) {
          ASN1EncodableVector v = new ASN1EncodableVector();
          for (SupplyMediumInfo m : r.supplyMediumInfo()) {
            v.add(new LegacySeq().i(0, en(need(m.type(), n, "supply-medium-type")))
                .e(1, str(m.characteristics())).seq());
          }
          s.i(13, new DERSequence(v));
        }
        s.i(14, r.placeOnHold() == PlaceOnHold.ACCORDING_TO_RESPONDER_POLICY ? null
                : en(r.placeOnHold()))
            .i(15, clientId(r.clientId()))
            .i(16, itemId(need(r.itemId(), n, "item-id")))
            .i(17, externals(r.supplementalItemDescription()))
            .i(18, costInfo(r.costInfo()))
            .e(19, str(r.copyrightCompliance()))
            .i(20, thirdParty(r.thirdPartyInfo()))
            .i(21, r.retryFlag() ? ASN1Boolean.TRUE : null)
            .i(22, r.forwardFlag() ? ASN1Boolean.TRUE : null)
            .e(46, str(r.requesterNote()))
            .e(47, str(r.forwardNote()));
      } else if (apdu instanceof ForwardNotification f) {
        s.i(24, systemAddress(f.responderAddress()))
          .i(25, systemId(need(f.intermediaryId(), n, "intermediary-id")))
          .e(48, str(f.notificationNote()));
      } else if (apdu instanceof Shipped r) {
        s.i(24, systemAddress(r.responderAddress()))
          .i(25, systemId(r.intermediaryId()))
          .i(26, systemId(r.supplierId()))
          .i(15, clientId(r.clientId()))
          .i(5, r.transactionType() == TransactionType.SIMPLE ? null : en(r.transactionType()))
          .i(17, externals(r.supplementalItemDescription()))
          .i(27, en(need(r.shippedServiceType(), n, "shipped-service-type")))
          .i(28, responderOptional(r.responderOptionalMessages()))
          .i(29, supplyDetails(need(r.supplyDetails(), n, "supply-details")))
          .i(30, postalAddress(r.returnToAddress()))
          .e(46, str(r.responderNote()));
      } else if (apdu instanceof IllAnswer a) {
        s.i(31, en(need(a.transactionResults(), n, "transaction-results")))
          .e(32, results(a.resultsExplanation()))
          .e(33, raw(a.responderSpecificResults()))
          .i(17, externals(a.supplementalItemDescription()))
          .i(23, sendToList(a.sendToList()))
          .i(34, systemIds(a.alreadyTriedList()))
          .i(28, responderOptional(a.responderOptionalMessages()))
          .e(46, str(a.responderNote()));
      } else if (apdu instanceof ConditionalReply c) {
        s.i(35, ASN1Boolean.getInstance(c.answer()))
          .e(46, str(c.requesterNote()));
      } else if (apdu instanceof Cancel c) {
        s.e(46, str(c.requesterNote()));
      } else if (apdu instanceof CancelReply c) {
        s.i(35, ASN1Boolean.getInstance(c.answer()))
          .e(46, str(c.responderNote()));
      } else if (apdu instanceof Received r) {
        s.i(26, systemId(r.supplierId()))
          .i(17, externals(r.supplementalItemDescription()))
          .i(36, vis(need(r.dateReceived(), n, "date-received")))
          .i(27, en(need(r.shippedServiceType(), n, "shipped-service-type")))
          .e(46, str(r.requesterNote()));
      } else if (apdu instanceof Recall r) {
        s.e(46, str(r.responderNote()));
      } else if (apdu instanceof Returned r) {
        s.i(17, externals(r.supplementalItemDescription()))
          .i(37, vis(need(r.dateReturned(), n, "date-returned")))
          .e(38, str(r.returnedVia()))
          .i(39, amount(r.insuredFor()))
          .e(46, str(r.requesterNote()));
      } else if (apdu instanceof CheckedIn c) {
        s.i(40, vis(need(c.dateCheckedIn(), n, "date-checked-in")))
          .e(46, str(c.responderNote()));
      } else if (apdu instanceof Overdue o) {
        s.i(41, dateDue(need(o.dateDue(), n, "date-due"))).e(46, str(o.responderNote()));
        // overdue-extensions is the one EXPLICIT [49] of the module
        if (!o.extensions().isEmpty()) {
          s.e(49, extensionList(o.extensions()));
        }
        return s.seq();
      } else if (apdu instanceof Renew r) {
        s.i(42, vis(r.desiredDueDate())).e(46, str(r.requesterNote()));
      } else if (apdu instanceof RenewAnswer r) {
        s.i(35, ASN1Boolean.getInstance(r.answer()))
          .i(41, dateDue(r.dateDue()))
          .e(46, str(r.responderNote()));
      } else if (apdu instanceof Lost l) {
        s.e(46, str(l.note()));
      } else if (apdu instanceof Damaged d) {
        s.i(5, damagedDetails(d.damagedDetails())).e(46, str(d.note()));
      } else if (apdu instanceof Message m) {
        s.e(46, str(need(m.note(), n, "note")));
      } else if (apdu instanceof StatusQuery q) {
        s.e(46, str(q.note()));
      } else if (apdu instanceof StatusOrErrorReport r) {
        s.i(43, en(r.reasonNoReport()))
          .i(44, statusReport(r.statusReport()))
          .i(45, errorReport(r.errorReport()))
          .e(46, str(r.note()));
      } else if (apdu instanceof Expired e) {
        // header and extensions only
    }
    if (!apdu.extensions().isEmpty()) {
      s.i(49, extensionList(apdu.extensions()));
    }
    return s.seq();
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

  static ASN1Encodable str(IllString s) {
    if (s == null) {
      return null;
    }
    String v = s.value();
    if (s.form() == IllString.Form.EDIFACT) {
      return new DERVisibleString(v);
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) >= 0x80) {
        // DERGeneralString(String) keeps only the low byte of each char: build from UTF-8 octets
        return generalStringUtf8(v);
      }
    }
    return new DERGeneralString(v);
  }

  /**
   * DERGeneralString(String) keeps only the low byte of each char and its byte[] constructor is
   * not public, so a non-ASCII GeneralString is built from its TLV with UTF-8 content.
   */
  private static ASN1Encodable generalStringUtf8(String v) {
    byte[] content = Text.encode(v);
    int n = content.length;
    byte[] lenBytes;
    if (n < 0x80) {
      lenBytes = new byte[] {(byte) n};
    } else if (n < 0x100) {
      lenBytes = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      lenBytes = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      lenBytes = new byte[] {(byte) 0x84, (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8),
          (byte) n};
    }
    byte[] tlv = new byte[1 + lenBytes.length + n];
    tlv[0] = BERTags.GENERAL_STRING;
    System.arraycopy(lenBytes, 0, tlv, 1, lenBytes.length);
    System.arraycopy(content, 0, tlv, 1 + lenBytes.length, n);
    return ASN1GeneralString.getInstance(tlv);
  }

  static ASN1Encodable vis(String s) {
    return s == null ? null : new DERVisibleString(s);
  }

  static ASN1Encodable en(IllEnum e) {
    return e == null ? null : new ASN1Enumerated(e.code());
  }

  static ASN1Encodable raw(RawBer r) throws IllCodecException {
    if (r == null) {
      return null;
    }
    try {
      return ASN1Primitive.fromByteArray(r.encoded());
    } catch (IOException | RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, "RawBer", "not one valid BER value", e);
    }
  }

  static ASN1Encodable externals(List<RawBer> list) throws IllCodecException {
    if (list.isEmpty()) {
      return null;
    }
    ASN1EncodableVector v = new ASN1EncodableVector(list.size());
    for (RawBer r : list) {
      v.add(raw(r));
    }
    return new DERSequence(v);
  }

  // ---------------------------------------------------------------- identities

  static ASN1Encodable transactionId(TransactionId t) throws IllCodecException {
    return new LegacySeq().i(0, systemId(t.initialRequesterId()))
        .e(1, str(need(t.groupQualifier(), "Transaction-Id", "transaction-group-qualifier")))
        .e(2, str(need(t.qualifier(), "Transaction-Id", "transaction-qualifier")))
        .e(3, str(t.subQualifier()))
        .seq();
  }

  static ASN1Encodable serviceDateTime(ServiceDateTime s) throws IllCodecException {
    return new LegacySeq()
        .i(0, dateTime(need(s.thisService(), "Service-Date-Time", "date-time-of-this-service")))
        .i(1, dateTime(s.originalService()))
        .seq();
  }

  static ASN1Encodable dateTime(IsoDateTime d) throws IllCodecException {
    if (d == null) {
      return null;
    }
    return new LegacySeq().i(0, vis(need(d.date(), "Service-Date-Time", "date")))
        .i(1, vis(d.time())).seq();
  }

  static ASN1Encodable systemId(SystemId id) {
    if (id == null) {
      return null;
    }
    LegacySeq s = new LegacySeq();
    if (id.symbol() != null) {
      s.e(0, new DERTaggedObject(true,
          id.symbol().kind() == PartyKind.PERSON ? 0 : 1, str(id.symbol().value())));
    }
    s.e(1, nameOf(id.name()));
    return s.seq();
  }

  static ASN1Encodable nameOf(NameOfPersonOrInstitution name) {
    if (name == null) {
      return null;
    }
    return new DERTaggedObject(true, name.kind() == PartyKind.PERSON ? 0 : 1, str(name.value()));
  }

  static ASN1Encodable systemIds(List<SystemId> ids) {
    if (ids.isEmpty()) {
      return null;
    }
    ASN1EncodableVector v = new ASN1EncodableVector(ids.size());
    for (SystemId id : ids) {
      v.add(systemId(id));
    }
    return new DERSequence(v);
  }

  static ASN1Encodable systemAddress(SystemAddress a) {
    if (a == null) {
      return null;
    }
    return new LegacySeq().e(0, str(a.telecomServiceIdentifier()))
        .e(1, str(a.telecomServiceAddress())).seq();
  }

  static ASN1Encodable postalAddress(PostalAddress a) {
    if (a == null) {
      return null;
    }
    return new LegacySeq().e(0, nameOf(a.name()))
        .e(1, str(a.extendedPostalDeliveryAddress()))
        .e(2, str(a.streetAndNumber()))
        .e(3, str(a.postOfficeBox()))
        .e(4, str(a.city()))
        .e(5, str(a.region()))
        .e(6, str(a.country()))
        .e(7, str(a.postalCode()))
        .seq();
  }

  static ASN1Encodable deliveryAddress(DeliveryAddress a) {
    if (a == null) {
      return null;
    }
    return new LegacySeq().i(0, postalAddress(a.postalAddress()))
        .i(1, systemAddress(a.electronicAddress())).seq();
  }

  static void deliveryService(LegacySeq s, DeliveryService d) throws IllCodecException {
    if (d instanceof DeliveryService.Physical p) {
      s.e(7, str(need(p.transportationMode(), "Delivery-Service", "physical-delivery")));
    } else if (d instanceof DeliveryService.Electronic e) {
      ASN1EncodableVector v = new ASN1EncodableVector();
      for (ElectronicDeliveryService x : e.services()) {
        v.add(electronicDelivery(x));
      }
      s.i(50, new DERSequence(v));
    }
  }

  static DERSequence electronicDelivery(ElectronicDeliveryService e) throws IllCodecException {
    String n = "Electronic-Delivery-Service";
    LegacySeq s = new LegacySeq();
    if (e.deliveryMode() != null) {
      s.i(0, new LegacySeq().i(0, new ASN1ObjectIdentifier(e.deliveryMode()))
          .e(1, raw(need(e.deliveryParameters(), n, "e-delivery-parameters"))).seq());
    }
    if (e.documentTypeId() != null) {
      s.i(1, new LegacySeq().i(2, new ASN1ObjectIdentifier(e.documentTypeId()))
          .e(3, raw(need(e.documentTypeParameters(), n, "document-type-parameters"))).seq());
    }
    s.e(4, str(e.description()));
    if (e.deliveryAddress() != null) {
      s.e(5, new DERTaggedObject(false, 0, systemAddress(e.deliveryAddress())));
    } else {
      s.e(5, new DERTaggedObject(false, 1,
          systemId(need(e.deliveryId(), n, "e-delivery-details"))));
    }
    return s.e(6, str(e.nameOrCode())).i(7, vis(e.deliveryTime())).seq();
  }

  // ---------------------------------------------------------------- request parts

  static ASN1Encodable requesterOptional(RequesterOptionalMessages r) throws IllCodecException {
    String n = "Requester-Optional-Messages-Type";
    return new LegacySeq().i(0, ASN1Boolean.getInstance(r.canSendReceived()))
        .i(1, ASN1Boolean.getInstance(r.canSendReturned()))
        .i(2, en(need(r.requesterShipped(), n, "requester-SHIPPED")))
        .i(3, en(need(r.requesterCheckedIn(), n, "requester-CHECKED-IN")))
        .seq();
  }

  static ASN1Encodable responderOptional(ResponderOptionalMessages r) throws IllCodecException {
    if (r == null) {
      return null;
    }
    String n = "Responder-Optional-Messages-Type";
    return new LegacySeq().i(0, ASN1Boolean.getInstance(r.canSendShipped()))
        .i(1, ASN1Boolean.getInstance(r.canSendCheckedIn()))
        .i(2, en(need(r.responderReceived(), n, "responder-RECEIVED")))
        .i(3, en(need(r.responderReturned(), n, "responder-RETURNED")))
        .seq();
  }

  static ASN1Encodable searchType(SearchType t) {
    if (t == null) {
      return null;
    }
    return new LegacySeq().e(0, str(t.levelOfService()))
        .i(1, vis(t.needBeforeDate()))
        .i(2, t.expiryFlag() == ExpiryFlag.NO_EXPIRY ? null : en(t.expiryFlag()))
        .i(3, vis(t.expiryDate()))
        .seq();
  }

  static ASN1Encodable clientId(ClientId c) {
    if (c == null) {
      return null;
    }
    return new LegacySeq().e(0, str(c.name())).e(1, str(c.status())).e(2, str(c.identifier())).seq();
  }

  static ASN1Encodable itemId(ItemId i) throws IllCodecException {
    return new LegacySeq().i(0, en(i.itemType()))
        .i(1, en(i.heldMediumType()))
        .e(2, str(i.callNumber()))
        .e(3, str(i.author()))
        .e(4, str(i.title()))
        .e(5, str(i.subTitle()))
        .e(6, str(i.sponsoringBody()))
        .e(7, str(i.placeOfPublication()))
        .e(8, str(i.publisher()))
        .e(9, str(i.seriesTitleNumber()))
        .e(10, str(i.volumeIssue()))
        .e(11, str(i.edition()))
        .e(12, str(i.publicationDate()))
        .e(13, str(i.publicationDateOfComponent()))
        .e(14, str(i.authorOfArticle()))
        .e(15, str(i.titleOfArticle()))
        .e(16, str(i.pagination()))
        .e(17, raw(i.nationalBibliographyNo()))
        .e(18, str(i.isbn()))
        .e(19, str(i.issn()))
        .e(20, raw(i.systemNo()))
        .e(21, str(i.additionalNoLetters()))
        .e(22, str(i.verificationReferenceSource()))
        .seq();
  }

  static ASN1Encodable amount(Amount a) throws IllCodecException {
    if (a == null) {
      return null;
    }
    return new LegacySeq()
        .i(0, a.currencyCode() == null ? null : new DERPrintableString(a.currencyCode()))
        .i(1, new DERPrintableString(need(a.monetaryValue(), "Amount", "monetary-value")))
        .seq();
  }

  static ASN1Encodable costInfo(CostInfoType c) throws IllCodecException {
    if (c == null) {
      return null;
    }
    return new LegacySeq().e(0, str(c.accountNumber()))
        .i(1, amount(c.maximumCost()))
        .i(2, c.reciprocalAgreement() ? ASN1Boolean.TRUE : null)
        .i(3, c.willPayFee() ? ASN1Boolean.TRUE : null)
        .i(4, c.paymentProvided() ? ASN1Boolean.TRUE : null)
        .seq();
  }

  static ASN1Encodable thirdParty(ThirdPartyInfo t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    return new LegacySeq().i(0, t.permissionToForward() ? ASN1Boolean.TRUE : null)
        .i(1, t.permissionToChain() ? ASN1Boolean.TRUE : null)
        .i(2, t.permissionToPartition() ? ASN1Boolean.TRUE : null)
        .i(3, t.permissionToChangeSendToList() ? ASN1Boolean.TRUE : null)
        .i(4, systemAddress(t.initialRequesterAddress()))
        .i(5, t.preference() == SendToPreference.UNORDERED ? null : en(t.preference()))
        .i(6, sendToList(t.sendToList()))
        .i(7, systemIds(t.alreadyTriedList()))
        .seq();
  }

  static ASN1Encodable sendToList(List<SendToEntry> list) throws IllCodecException {
    if (list.isEmpty()) {
      return null;
    }
    ASN1EncodableVector v = new ASN1EncodableVector(list.size());
    for (SendToEntry e : list) {
      v.add(new LegacySeq().i(0, systemId(need(e.systemId(), "Send-To-List-Type", "system-id")))
          .e(1, str(e.accountNumber()))
          .i(2, systemAddress(e.systemAddress()))
          .seq());
    }
    return new DERSequence(v);
  }

  // ---------------------------------------------------------------- answer, shipped, reports

  static ASN1Encodable locations(List<LocationInfo> list) throws IllCodecException {
    if (list.isEmpty()) {
      return null;
    }
    ASN1EncodableVector v = new ASN1EncodableVector(list.size());
    for (LocationInfo l : list) {
      v.add(new LegacySeq().i(0, systemId(need(l.id(), "Location-Info", "location-id")))
          .i(1, systemAddress(l.address()))
          .e(2, str(l.note()))
          .seq());
    }
    return new DERSequence(v);
  }

  static ASN1Encodable results(ResultsExplanation r) throws IllCodecException {
    if (r == null) {
      return null;
    }
          if (r instanceof ConditionalResults c) {
        LegacySeq s = new LegacySeq().i(0, en(need(c.conditions(), "Conditional-Results", "conditions")))
            .i(1, vis(c.dateForReply()))
            .i(2, locations(c.locations()));
        deliveryService(s, c.proposedDeliveryService());
        return new DERTaggedObject(true, 1, s.seq());
      } else if (r instanceof RetryResults c) {
        return new DERTaggedObject(true, 2, new LegacySeq()
          .i(0, en(c.reasonNotAvailable())).i(1, vis(c.retryDate()))
          .i(2, locations(c.locations())).seq());
      } else if (r instanceof UnfilledResults c) {
        return new DERTaggedObject(true, 3, new LegacySeq()
          .i(0, en(need(c.reasonUnfilled(), "Unfilled-Results", "reason-unfilled")))
          .i(1, locations(c.locations())).seq());
      } else if (r instanceof LocationsResults c) {
        if (c.locations().isEmpty()) {
          throw missing("Locations-Results", "locations");
        }
        return new DERTaggedObject(true, 4, new LegacySeq().i(0, en(c.reasonLocsProvided()))
            .i(1, locations(c.locations())).seq());
      } else if (r instanceof WillSupplyResults c) {
        return new DERTaggedObject(true, 5, new LegacySeq()
          .e(0, en(need(c.reasonWillSupply(), "Will-Supply-Results", "reason-will-supply")))
          .e(1, vis(c.supplyDate()))
          .e(2, postalAddress(c.returnToAddress()))
          .i(3, locations(c.locations()))
          .e(4, c.electronicDeliveryService() == null ? null
              : electronicDelivery(c.electronicDeliveryService()))
          .seq());
      } else if (r instanceof HoldPlacedResults c) {
        return new DERTaggedObject(true, 6, new LegacySeq()
          .i(0, vis(need(c.estimatedDateAvailable(), "Hold-Placed-Results",
              "estimated-date-available")))
          .i(1, en(c.holdPlacedMediumType()))
          .i(2, locations(c.locations())).seq());
      } else if (r instanceof EstimateResults c) {
        return new DERTaggedObject(true, 7, new LegacySeq()
          .e(0, str(need(c.costEstimate(), "Estimate-Results", "cost-estimate")))
          .i(1, locations(c.locations())).seq());
    }
    throw new IllegalStateException("unknown results");
  }

  static ASN1Encodable dateDue(DateDue d) throws IllCodecException {
    if (d == null) {
      return null;
    }
    return new LegacySeq().i(0, vis(need(d.date(), "Date-Due", "date-due-field")))
        .i(1, d.renewable() ? null : ASN1Boolean.FALSE).seq();
  }

  static ASN1Encodable supplyDetails(SupplyDetails d) throws IllCodecException {
    LegacySeq s = new LegacySeq().i(0, vis(d.dateShipped()))
        .i(1, dateDue(d.dateDue()))
        .i(2, d.chargeableUnits() == null ? null : new ASN1Integer(d.chargeableUnits()))
        .i(3, amount(d.cost()))
        .i(4, en(d.shippedConditions()));
    if (d.shippedViaPhysical() != null && d.shippedViaElectronic() != null) {
      throw new IllCodecException(Kind.MALFORMED, "Supply-Details.shipped-via",
          "both physical and electronic delivery");
    }
    s.e(5, str(d.shippedViaPhysical()));
    if (d.shippedViaElectronic() != null) {
      s.i(50, electronicDelivery(d.shippedViaElectronic()));
    }
    s.i(6, amount(d.insuredFor())).i(7, amount(d.returnInsuranceRequired()));
    if (!d.unitsPerMedium().isEmpty()) {
      ASN1EncodableVector v = new ASN1EncodableVector();
      for (UnitsPerMedium u : d.unitsPerMedium()) {
        v.add(new LegacySeq().e(0, en(need(u.medium(), "Units-Per-Medium-Type", "medium")))
            .e(1, new ASN1Integer(u.units())).seq());
      }
      s.i(8, new DERSequence(v));
    }
    return s.seq();
  }

  static ASN1Encodable damagedDetails(DamagedDetails d) {
    if (d == null) {
      return null;
    }
    LegacySeq s = new LegacySeq().i(0,
        d.documentTypeId() == null ? null : new ASN1ObjectIdentifier(d.documentTypeId()));
    if (d.completeDocument()) {
      s.i(1, DERNull.INSTANCE);
    } else {
      ASN1EncodableVector v = new ASN1EncodableVector();
      for (Long u : d.specificUnits()) {
        v.add(new ASN1Integer(u));
      }
      s.i(2, new DERSequence(v));
    }
    return s.seq();
  }

  static ASN1Encodable statusReport(StatusReport r) throws IllCodecException {
    if (r == null) {
      return null;
    }
    String n = "History-Report";
    HistoryReport h = need(r.userStatusReport(), "Status-Report", "user-status-report");
    ASN1Encodable history = new LegacySeq().i(0, vis(h.dateRequested()))
        .e(1, str(h.author()))
        .e(2, str(h.title()))
        .e(3, str(h.authorOfArticle()))
        .e(4, str(h.titleOfArticle()))
        .i(5, vis(need(h.dateOfLastTransition(), n, "date-of-last-transition")))
        .i(6, en(need(h.mostRecentService(), n, "most-recent-service")))
        .i(7, vis(need(h.dateOfMostRecentService(), n, "date-of-most-recent-service")))
        .i(8, systemId(need(h.initiatorOfMostRecentService(), n,
            "initiator-of-most-recent-service")))
        .i(9, en(h.shippedServiceType()))
        .i(10, en(h.transactionResults()))
        .e(11, str(h.mostRecentServiceNote()))
        .seq();
    return new LegacySeq().i(0, history)
        .i(1, en(need(r.providerStatusReport(), "Status-Report", "provider-status-report")))
        .seq();
  }

  static ASN1Encodable errorReport(ErrorReport r) throws IllCodecException {
    if (r == null) {
      return null;
    }
    LegacySeq s = new LegacySeq()
        .e(0, str(need(r.correlationInformation(), "Error-Report", "correlation-information")))
        .i(1, en(need(r.reportSource(), "Error-Report", "report-source")));
    s.e(2, userError(r.userErrorReport()));
    s.e(3, providerError(r.providerErrorReport()));
    return s.seq();
  }

  private static ASN1Encodable userError(UserErrorReport u) throws IllCodecException {
    if (u == null) {
      return null;
    }
    if (u instanceof UserErrorReport.AlreadyForwarded a) {
      return new DERTaggedObject(false, 0, new LegacySeq()
          .i(0, systemId(need(a.responderId(), "Already-Forwarded", "responder-id")))
          .i(1, systemAddress(a.responderAddress())).seq());
    }
    if (u instanceof UserErrorReport.IntermediaryProblem p) {
      return new DERTaggedObject(false, 1, new ASN1Enumerated(p.code()));
    }
    if (u instanceof UserErrorReport.SecurityProblem p) {
      return new DERTaggedObject(true, 2, str(need(p.text(), "User-Error-Report", "security")));
    }
    UserErrorReport.UnableToPerformReport x = (UserErrorReport.UnableToPerformReport) u;
    return new DERTaggedObject(false, 3,
        en(need(x.reason(), "User-Error-Report", "unable-to-perform")));
  }

  private static ASN1Encodable providerError(ProviderErrorReport p) throws IllCodecException {
    if (p == null) {
      return null;
    }
    if (p instanceof ProviderErrorReport.General g) {
      return new DERTaggedObject(false, 0,
          en(need(g.problem(), "Provider-Error-Report", "general-problem")));
    }
    if (p instanceof ProviderErrorReport.TransactionIdProblemReport t) {
      return new DERTaggedObject(false, 1,
          en(need(t.problem(), "Provider-Error-Report", "transaction-id-problem")));
    }
    ProviderErrorReport.StateTransitionProhibited st =
        (ProviderErrorReport.StateTransitionProhibited) p;
    return new DERTaggedObject(false, 2,
        new LegacySeq().i(0, en(need(st.apduType(), "State-Transition-Prohibited", "aPDU-type")))
            .i(1, en(need(st.currentState(), "State-Transition-Prohibited", "current-state")))
            .seq());
  }

  // ---------------------------------------------------------------- extensions

  static DERSequence extensionList(List<Extension> list) throws IllCodecException {
    ASN1EncodableVector v = new ASN1EncodableVector(list.size());
    for (Extension e : list) {
      v.add(new LegacySeq().i(0, new ASN1Integer(e.identifier()))
          .i(1, e.critical() ? ASN1Boolean.TRUE : null)
          .e(2, extensionItem(need(e.item(), "Extension", "item")))
          .seq());
    }
    return new DERSequence(v);
  }

  static ASN1Encodable extensionItem(ExtensionItem item) throws IllCodecException {
          if (item instanceof RawBer r) {
        return raw(r);
      } else if (item instanceof OclcIllRequestExtension o) {
        return external(OclcIllRequestExtension.OID, new LegacySeq()
          .e(0, str(o.clientDepartment())).e(1, str(o.paymentMethod()))
          .e(2, str(o.uniformTitle())).e(3, str(o.dissertation()))
          .e(4, str(o.issueNumber())).e(5, str(o.volume()))
          .e(6, str(o.affiliations())).e(7, str(o.source())).seq());
      } else if (item instanceof ApduDeliveryInfo d) {
        if (d.senderInfo().isEmpty() || d.recipientInfo().isEmpty()) {
          throw missing("APDU-Delivery-Info", "sender-info/recipient-info");
        }
        return external(ApduDeliveryInfo.OID, new LegacySeq().i(0, deliveryParameters(d.senderInfo()))
            .i(1, deliveryParameters(d.recipientInfo()))
            .i(2, d.transponderInfo().isEmpty() ? null : deliveryParameters(d.transponderInfo()))
            .seq());
    }
    throw new IllegalStateException("unknown item");
  }

  private static DERSequence deliveryParameters(List<ApduDeliveryParameters> list)
      throws IllCodecException {
    ASN1EncodableVector v = new ASN1EncodableVector(list.size());
    for (ApduDeliveryParameters p : list) {
      ASN1EncodableVector enc = new ASN1EncodableVector();
      for (ApduEncoding e : p.encoding()) {
        enc.add(en(e));
      }
      v.add(new LegacySeq().i(0, new DERSequence(enc))
          .i(1, systemAddress(need(p.transport(), "APDU-Delivery-Parameters", "transport")))
          .i(2, systemIds(p.aliases()))
          .seq());
    }
    return new DERSequence(v);
  }

  /** EXTERNAL with a direct reference and single-ASN1-type encoding, as YAZ writes it. */
  private static ASN1Encodable external(String oid, ASN1Encodable content) {
    return new DERExternal(new ASN1ObjectIdentifier(oid), null, null,
        new DERTaggedObject(true, 0, content));
  }
}
