package org.illbridge.iso10161.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1External;
import org.bouncycastle.asn1.ASN1GeneralString;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1VisibleString;
import org.bouncycastle.asn1.BERTags;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.*;

// Test oracle: the BouncyCastle-based codec that the hand-written BerTree / DerWriter codec
// replaced (as of commit 0a652e8), kept unchanged for BcEquivalenceTest.

/**
 * BER to APDU records. Structure checks (lengths, nesting, size) are done first by {@link
 * BerFramer}; BouncyCastle then parses the TLVs and this class maps them to the model following
 * ill9702.asn component by component. Any BouncyCastle exception becomes an {@link
 * IllCodecException} of kind MALFORMED in {@link #decode}.
 */
public final class LegacyBcDecoder {

  private LegacyBcDecoder() {}

  public static IllApdu decode(byte[] ber, int maxSize) throws IllCodecException {
    if (ber == null || ber.length == 0) {
      throw new IllCodecException(Kind.MALFORMED, null, "empty input");
    }
    if (ber.length > maxSize) {
      throw new IllCodecException(Kind.MALFORMED, null,
          "APDU of " + ber.length + " bytes is larger than the limit of " + maxSize);
    }
    int len = BerFramer.frameLength(ber, 0, ber.length, maxSize);
    if (len < 0) {
      throw new IllCodecException(Kind.MALFORMED, null, "truncated APDU");
    }
    if (len != ber.length) {
      throw new IllCodecException(Kind.MALFORMED, null,
          (ber.length - len) + " bytes after the end of the APDU");
    }
    try (ASN1InputStream in = new ASN1InputStream(ber)) {
      ASN1Primitive top = in.readObject();
      return apdu(top);
    } catch (IllCodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, null, "bad BER: " + e.getMessage(), e);
    }
  }

  private static IllApdu apdu(ASN1Primitive top) throws IllCodecException {
    if (!(top instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.APPLICATION) {
      throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "not an ILL-APDU (expected an APPLICATION tag)");
    }
    int tag = t.getTagNo();
    if (tag < 1 || tag > 20) {
      throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "unknown APDU [APPLICATION " + tag + "]");
    }
    ApduType type = Enums.of(ApduType.class, tag, null);
    String name = type.name();
    // [APPLICATION n] SEQUENCE in an EXPLICIT TAGS module: the tag wraps a universal SEQUENCE
    LegacyFields f = new LegacyFields(seqExplicit(t), name);
    ApduHeader h = header(f);
    IllApdu apdu = switch (type) {
      case ILL_REQUEST -> new IllRequest(h,
          en(TransactionType.class, f.opt(5), f),
          deliveryAddress(f.opt(6)),
          deliveryService(f.opt(7), f.opt(50)),
          deliveryAddress(f.opt(8)),
          serviceTypes(f.req(9, "iLL-service-type")),
          rawExplicit(f.opt(10)),
          requesterOptional(f.req(11, "requester-optional-messages")),
          searchType(f.opt(12)),
          supplyMedium(f.opt(13)),
          en(PlaceOnHold.class, f.opt(14), f),
          clientId(f.opt(15)),
          itemId(f.req(16, "item-id")),
          externals(f.opt(17)),
          costInfo(f.opt(18)),
          str(f.opt(19)),
          thirdParty(f.opt(20)),
          bool(f.opt(21), false),
          bool(f.opt(22), false),
          str(f.opt(46)),
          str(f.opt(47)),
          extensions(f.opt(49)));
      case FORWARD_NOTIFICATION -> new ForwardNotification(h,
          systemAddress(f.opt(24)),
          systemId(f.req(25, "intermediary-id")),
          str(f.opt(48)),
          extensions(f.opt(49)));
      case SHIPPED -> new Shipped(h,
          systemAddress(f.opt(24)),
          systemId(f.opt(25)),
          systemId(f.opt(26)),
          clientId(f.opt(15)),
          en(TransactionType.class, f.opt(5), f),
          externals(f.opt(17)),
          en(IllServiceType.class, f.req(27, "shipped-service-type"), f),
          responderOptional(f.opt(28)),
          supplyDetails(f.req(29, "supply-details")),
          postalAddress(f.opt(30)),
          str(f.opt(46)),
          extensions(f.opt(49)));
      case ILL_ANSWER -> new IllAnswer(h,
          en(TransactionResults.class, f.req(31, "transaction-results"), f),
          results(f.opt(32)),
          rawExplicit(f.opt(33)),
          externals(f.opt(17)),
          sendToList(f.opt(23)),
          systemIds(f.opt(34)),
          responderOptional(f.opt(28)),
          str(f.opt(46)),
          extensions(f.opt(49)));
      case CONDITIONAL_REPLY -> new ConditionalReply(h,
          bool(f.req(35, "answer"), false), str(f.opt(46)), extensions(f.opt(49)));
      case CANCEL -> new Cancel(h, str(f.opt(46)), extensions(f.opt(49)));
      case CANCEL_REPLY -> new CancelReply(h,
          bool(f.req(35, "answer"), false), str(f.opt(46)), extensions(f.opt(49)));
      case RECEIVED -> new Received(h,
          systemId(f.opt(26)),
          externals(f.opt(17)),
          visible(f.req(36, "date-received")),
          en(IllServiceType.class, f.req(27, "shipped-service-type"), f),
          str(f.opt(46)),
          extensions(f.opt(49)));
      case RECALL -> new Recall(h, str(f.opt(46)), extensions(f.opt(49)));
      case RETURNED -> new Returned(h,
          externals(f.opt(17)),
          visible(f.req(37, "date-returned")),
          str(f.opt(38)),
          amount(f.opt(39)),
          str(f.opt(46)),
          extensions(f.opt(49)));
      case CHECKED_IN -> new CheckedIn(h,
          visible(f.req(40, "date-checked-in")), str(f.opt(46)), extensions(f.opt(49)));
      case OVERDUE -> new Overdue(h,
          dateDue(f.req(41, "date-due")), str(f.opt(46)), overdueExtensions(f.opt(49)));
      case RENEW -> new Renew(h, visible(f.opt(42)), str(f.opt(46)), extensions(f.opt(49)));
      case RENEW_ANSWER -> new RenewAnswer(h,
          bool(f.req(35, "answer"), false),
          dateDue(f.opt(41)),
          str(f.opt(46)),
          extensions(f.opt(49)));
      case LOST -> new Lost(h, str(f.opt(46)), extensions(f.opt(49)));
      case DAMAGED -> new Damaged(h,
          damagedDetails(f.opt(5)), str(f.opt(46)), extensions(f.opt(49)));
      case MESSAGE -> new Message(h, str(f.req(46, "note")), extensions(f.opt(49)));
      case STATUS_QUERY -> new StatusQuery(h, str(f.opt(46)), extensions(f.opt(49)));
      case STATUS_OR_ERROR_REPORT -> new StatusOrErrorReport(h,
          en(ReasonNoReport.class, f.opt(43), f),
          statusReport(f.opt(44)),
          errorReport(f.opt(45)),
          str(f.opt(46)),
          extensions(f.opt(49)));
      case EXPIRED -> new Expired(h, extensions(f.opt(49)));
      default -> throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null, "unknown APDU " + tag);
    };
    f.done();
    return apdu;
  }

  private static ApduHeader header(LegacyFields f) throws IllCodecException {
    int version = ASN1Integer.getInstance(f.req(0, "protocol-version-num"), false).intValueExact();
    if (version != 1 && version != 2) {
      throw new IllCodecException(Kind.UNSUPPORTED_TYPE, f.type() + ".protocol-version-num",
          "protocol version " + version + " is not supported");
    }
    return new ApduHeader(version,
        transactionId(f.req(1, "transaction-id")),
        serviceDateTime(f.req(2, "service-date-time")),
        systemId(f.opt(3)),
        systemId(f.opt(4)));
  }

  // ---------------------------------------------------------------- primitives

  static ASN1Sequence seqImplicit(ASN1TaggedObject t) {
    return (ASN1Sequence) t.getBaseUniversal(false, BERTags.SEQUENCE);
  }

  static ASN1Sequence seqExplicit(ASN1TaggedObject t) {
    return ASN1Sequence.getInstance(t.getExplicitBaseObject());
  }

  static IllString str(ASN1TaggedObject t) throws IllCodecException {
    return t == null ? null : illString(t.getExplicitBaseObject());
  }

  static IllString illString(ASN1Encodable o) throws IllCodecException {
    if (o instanceof ASN1GeneralString g) {
      return new IllString(Text.decode(g.getOctets()), IllString.Form.GENERAL);
    }
    if (o instanceof ASN1VisibleString v) {
      return new IllString(v.getString(), IllString.Form.EDIFACT);
    }
    throw new IllCodecException(Kind.MALFORMED, null,
        "expected an ILL-String (GeneralString or EDIFACTString)");
  }

  static String visible(ASN1TaggedObject t) {
    return t == null ? null : ASN1VisibleString.getInstance(t, false).getString();
  }

  static boolean bool(ASN1TaggedObject t, boolean dflt) {
    return t == null ? dflt : ASN1Boolean.getInstance(t, false).isTrue();
  }

  static <E extends Enum<E> & IllEnum> E en(Class<E> type, ASN1TaggedObject t, LegacyFields f)
      throws IllCodecException {
    if (t == null) {
      return null;
    }
    return Enums.of(type, ASN1Enumerated.getInstance(t, false).intValueExact(), f.type());
  }

  static <E extends Enum<E> & IllEnum> E enExplicit(Class<E> type, ASN1TaggedObject t, String path)
      throws IllCodecException {
    if (t == null) {
      return null;
    }
    return Enums.of(type,
        ASN1Enumerated.getInstance(t.getExplicitBaseObject()).intValueExact(), path);
  }

  static <E extends Enum<E> & IllEnum> E en(Class<E> type, ASN1Encodable o, String path)
      throws IllCodecException {
    return Enums.of(type, ASN1Enumerated.getInstance(o).intValueExact(), path);
  }

  static RawBer raw(ASN1Encodable o) throws IllCodecException {
    try {
      // DER, so that passing the value through (re-encoding as DER) gives the same bytes
      return new RawBer(o.toASN1Primitive().getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllCodecException(Kind.MALFORMED, null, "cannot re-encode opaque value", e);
    }
  }

  static RawBer rawExplicit(ASN1TaggedObject t) throws IllCodecException {
    return t == null ? null : raw(t.getExplicitBaseObject());
  }

  static List<RawBer> externals(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Sequence s = seqImplicit(t);
    List<RawBer> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      out.add(raw(ASN1External.getInstance(e)));
    }
    return out;
  }

  // ---------------------------------------------------------------- identities

  static TransactionId transactionId(ASN1TaggedObject t) throws IllCodecException {
    LegacyFields f = new LegacyFields(seqImplicit(t), "Transaction-Id");
    TransactionId id = new TransactionId(systemId(f.opt(0)),
        str(f.req(1, "transaction-group-qualifier")),
        str(f.req(2, "transaction-qualifier")),
        str(f.opt(3)));
    f.done();
    return id;
  }

  static ServiceDateTime serviceDateTime(ASN1TaggedObject t) throws IllCodecException {
    LegacyFields f = new LegacyFields(seqImplicit(t), "Service-Date-Time");
    ServiceDateTime sdt = new ServiceDateTime(
        dateTime(f.req(0, "date-time-of-this-service")), dateTime(f.opt(1)));
    f.done();
    return sdt;
  }

  static IsoDateTime dateTime(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Service-Date-Time.date-time");
    IsoDateTime dt = new IsoDateTime(visible(f.req(0, "date")), visible(f.opt(1)));
    f.done();
    return dt;
  }

  /** System-Id, always IMPLICIT where used. */
  static SystemId systemId(ASN1TaggedObject t) throws IllCodecException {
    return t == null ? null : systemId(seqImplicit(t));
  }

  static SystemId systemId(ASN1Sequence s) throws IllCodecException {
    LegacyFields f = new LegacyFields(s, "System-Id");
    ASN1TaggedObject sym = f.opt(0);
    ASN1TaggedObject name = f.opt(1);
    f.done();
    PersonOrInstitutionSymbol symbol = null;
    if (sym != null) {
      ASN1TaggedObject c = choice(sym.getExplicitBaseObject(), "Person-Or-Institution-Symbol");
      symbol = new PersonOrInstitutionSymbol(party(c), str(c));
    }
    return new SystemId(symbol, name == null ? null : nameOf(name.getExplicitBaseObject()));
  }

  static NameOfPersonOrInstitution nameOf(ASN1Encodable o) throws IllCodecException {
    ASN1TaggedObject c = choice(o, "Name-Of-Person-Or-Institution");
    return new NameOfPersonOrInstitution(party(c), str(c));
  }

  private static ASN1TaggedObject choice(ASN1Encodable o, String type) throws IllCodecException {
    if (o instanceof ASN1TaggedObject c && c.getTagClass() == BERTags.CONTEXT_SPECIFIC
        && c.getTagNo() <= 1) {
      return c;
    }
    throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type, "unknown alternative");
  }

  private static PartyKind party(ASN1TaggedObject c) {
    return c.getTagNo() == 0 ? PartyKind.PERSON : PartyKind.INSTITUTION;
  }

  static List<SystemId> systemIds(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Sequence s = seqImplicit(t);
    List<SystemId> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      out.add(systemId(ASN1Sequence.getInstance(e)));
    }
    return out;
  }

  static SystemAddress systemAddress(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "System-Address");
    SystemAddress a = new SystemAddress(str(f.opt(0)), str(f.opt(1)));
    f.done();
    return a;
  }

  static PostalAddress postalAddress(ASN1TaggedObject t) throws IllCodecException {
    return t == null ? null : postalAddress(seqImplicit(t));
  }

  static PostalAddress postalAddress(ASN1Sequence s) throws IllCodecException {
    LegacyFields f = new LegacyFields(s, "Postal-Address");
    ASN1TaggedObject name = f.opt(0);
    PostalAddress a = new PostalAddress(
        name == null ? null : nameOf(name.getExplicitBaseObject()),
        str(f.opt(1)), str(f.opt(2)), str(f.opt(3)), str(f.opt(4)), str(f.opt(5)),
        str(f.opt(6)), str(f.opt(7)));
    f.done();
    return a;
  }

  static DeliveryAddress deliveryAddress(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Delivery-Address");
    DeliveryAddress a = new DeliveryAddress(postalAddress(f.opt(0)), systemAddress(f.opt(1)));
    f.done();
    return a;
  }

  static DeliveryService deliveryService(ASN1TaggedObject physical, ASN1TaggedObject electronic)
      throws IllCodecException {
    if (physical != null && electronic != null) {
      throw new IllCodecException(Kind.MALFORMED, "Delivery-Service",
          "both physical and electronic delivery");
    }
    if (physical != null) {
      return new DeliveryService.Physical(str(physical));
    }
    if (electronic != null) {
      ASN1Sequence s = seqImplicit(electronic);
      List<ElectronicDeliveryService> out = new ArrayList<>(s.size());
      for (ASN1Encodable e : s) {
        out.add(electronicDelivery(ASN1Sequence.getInstance(e)));
      }
      return new DeliveryService.Electronic(out);
    }
    return null;
  }

  static ElectronicDeliveryService electronicDelivery(ASN1Sequence s) throws IllCodecException {
    LegacyFields f = new LegacyFields(s, "Electronic-Delivery-Service");
    String mode = null;
    RawBer modeParams = null;
    ASN1TaggedObject svc = f.opt(0);
    if (svc != null) {
      LegacyFields g = new LegacyFields(seqImplicit(svc), "Electronic-Delivery-Service.e-delivery-service");
      mode = ASN1ObjectIdentifier.getInstance(g.req(0, "e-delivery-mode"), false).getId();
      modeParams = rawExplicit(g.req(1, "e-delivery-parameters"));
      g.done();
    }
    String docType = null;
    RawBer docParams = null;
    ASN1TaggedObject doc = f.opt(1);
    if (doc != null) {
      LegacyFields g = new LegacyFields(seqImplicit(doc), "Electronic-Delivery-Service.document-type");
      docType = ASN1ObjectIdentifier.getInstance(g.req(2, "document-type-id"), false).getId();
      docParams = rawExplicit(g.req(3, "document-type-parameters"));
      g.done();
    }
    IllString description = str(f.opt(4));
    ASN1TaggedObject details = f.req(5, "e-delivery-details");
    ASN1Encodable d = details.getExplicitBaseObject();
    SystemAddress address = null;
    SystemId id = null;
    if (d instanceof ASN1TaggedObject dt && dt.getTagClass() == BERTags.CONTEXT_SPECIFIC
        && dt.getTagNo() == 0) {
      LegacyFields g = new LegacyFields(seqImplicit(dt), "System-Address");
      address = new SystemAddress(str(g.opt(0)), str(g.opt(1)));
      g.done();
    } else if (d instanceof ASN1TaggedObject dt && dt.getTagClass() == BERTags.CONTEXT_SPECIFIC
        && dt.getTagNo() == 1) {
      id = systemId(dt);
    } else {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT,
          "Electronic-Delivery-Service.e-delivery-details", "unknown alternative");
    }
    ElectronicDeliveryService e = new ElectronicDeliveryService(mode, modeParams, docType,
        docParams, description, address, id, str(f.opt(6)), visible(f.opt(7)));
    f.done();
    return e;
  }

  // ---------------------------------------------------------------- request parts

  static List<IllServiceType> serviceTypes(ASN1TaggedObject t) throws IllCodecException {
    ASN1Sequence s = seqImplicit(t);
    if (s.size() == 0) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "ILL-Request.iLL-service-type",
          "no service type");
    }
    List<IllServiceType> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      out.add(en(IllServiceType.class, e, "ILL-Request.iLL-service-type"));
    }
    return out;
  }

  static RequesterOptionalMessages requesterOptional(ASN1TaggedObject t)
      throws IllCodecException {
    LegacyFields f = new LegacyFields(seqImplicit(t), "Requester-Optional-Messages-Type");
    RequesterOptionalMessages r = new RequesterOptionalMessages(
        bool(f.req(0, "can-send-RECEIVED"), false),
        bool(f.req(1, "can-send-RETURNED"), false),
        en(MessagingPreference.class, f.req(2, "requester-SHIPPED"), f),
        en(MessagingPreference.class, f.req(3, "requester-CHECKED-IN"), f));
    f.done();
    return r;
  }

  static ResponderOptionalMessages responderOptional(ASN1TaggedObject t)
      throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Responder-Optional-Messages-Type");
    ResponderOptionalMessages r = new ResponderOptionalMessages(
        bool(f.req(0, "can-send-SHIPPED"), false),
        bool(f.req(1, "can-send-CHECKED-IN"), false),
        en(MessagingPreference.class, f.req(2, "responder-RECEIVED"), f),
        en(MessagingPreference.class, f.req(3, "responder-RETURNED"), f));
    f.done();
    return r;
  }

  static SearchType searchType(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Search-Type");
    SearchType s = new SearchType(str(f.opt(0)), visible(f.opt(1)),
        en(ExpiryFlag.class, f.opt(2), f), visible(f.opt(3)));
    f.done();
    return s;
  }

  static List<SupplyMediumInfo> supplyMedium(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Sequence s = seqImplicit(t);
    List<SupplyMediumInfo> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(e), "Supply-Medium-Info-Type");
      out.add(new SupplyMediumInfo(en(MediumType.class, f.req(0, "supply-medium-type"), f),
          str(f.opt(1))));
      f.done();
    }
    return out;
  }

  static ClientId clientId(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Client-Id");
    ClientId c = new ClientId(str(f.opt(0)), str(f.opt(1)), str(f.opt(2)));
    f.done();
    return c;
  }

  static ItemId itemId(ASN1TaggedObject t) throws IllCodecException {
    LegacyFields f = new LegacyFields(seqImplicit(t), "Item-Id");
    ItemId i = new ItemId(
        en(ItemType.class, f.opt(0), f),
        en(MediumType.class, f.opt(1), f),
        str(f.opt(2)), str(f.opt(3)), str(f.opt(4)), str(f.opt(5)), str(f.opt(6)),
        str(f.opt(7)), str(f.opt(8)), str(f.opt(9)), str(f.opt(10)), str(f.opt(11)),
        str(f.opt(12)), str(f.opt(13)), str(f.opt(14)), str(f.opt(15)), str(f.opt(16)),
        rawExplicit(f.opt(17)),
        str(f.opt(18)), str(f.opt(19)),
        rawExplicit(f.opt(20)),
        str(f.opt(21)), str(f.opt(22)));
    f.done();
    return i;
  }

  static Amount amount(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Amount");
    ASN1TaggedObject cur = f.opt(0);
    Amount a = new Amount(cur == null ? null : ASN1PrintableString.getInstance(cur, false).getString(),
        ASN1PrintableString.getInstance(f.req(1, "monetary-value"), false).getString());
    f.done();
    return a;
  }

  static CostInfoType costInfo(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Cost-Info-Type");
    CostInfoType c = new CostInfoType(str(f.opt(0)), amount(f.opt(1)),
        bool(f.opt(2), false), bool(f.opt(3), false), bool(f.opt(4), false));
    f.done();
    return c;
  }

  static ThirdPartyInfo thirdParty(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Third-Party-Info-Type");
    ThirdPartyInfo i = new ThirdPartyInfo(bool(f.opt(0), false), bool(f.opt(1), false),
        bool(f.opt(2), false), bool(f.opt(3), false), systemAddress(f.opt(4)),
        en(SendToPreference.class, f.opt(5), f), sendToList(f.opt(6)), systemIds(f.opt(7)));
    f.done();
    return i;
  }

  static List<SendToEntry> sendToList(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Sequence s = seqImplicit(t);
    List<SendToEntry> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(e), "Send-To-List-Type");
      out.add(new SendToEntry(systemId(f.req(0, "system-id")), str(f.opt(1)),
          systemAddress(f.opt(2))));
      f.done();
    }
    return out;
  }

  // ---------------------------------------------------------------- answer, shipped, reports

  static List<LocationInfo> locations(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Sequence s = seqImplicit(t);
    List<LocationInfo> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(e), "Location-Info");
      out.add(new LocationInfo(systemId(f.req(0, "location-id")), systemAddress(f.opt(1)),
          str(f.opt(2))));
      f.done();
    }
    return out;
  }

  static ResultsExplanation results(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Encodable inner = t.getExplicitBaseObject();
    if (!(inner instanceof ASN1TaggedObject c) || c.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "ILL-Answer.results-explanation",
          "unknown alternative");
    }
    ASN1Sequence s = seqExplicit(c);
    LegacyFields f;
    ResultsExplanation r;
    switch (c.getTagNo()) {
      case 1 -> {
        f = new LegacyFields(s, "Conditional-Results");
        r = new ConditionalResults(en(Condition.class, f.req(0, "conditions"), f),
            visible(f.opt(1)), locations(f.opt(2)), deliveryService(f.opt(7), f.opt(50)));
      }
      case 2 -> {
        f = new LegacyFields(s, "Retry-Results");
        r = new RetryResults(en(ReasonCode.class, f.opt(0), f), visible(f.opt(1)),
            locations(f.opt(2)));
      }
      case 3 -> {
        f = new LegacyFields(s, "Unfilled-Results");
        r = new UnfilledResults(en(ReasonCode.class, f.req(0, "reason-unfilled"), f),
            locations(f.opt(1)));
      }
      case 4 -> {
        f = new LegacyFields(s, "Locations-Results");
        r = new LocationsResults(en(ReasonCode.class, f.opt(0), f),
            locations(f.req(1, "locations")));
      }
      case 5 -> {
        f = new LegacyFields(s, "Will-Supply-Results");
        ASN1TaggedObject ret = f.opt(2);
        ASN1TaggedObject eds = f.opt(4);
        ASN1TaggedObject date = f.opt(1);
        r = new WillSupplyResults(
            enExplicit(ReasonCode.class, f.req(0, "reason-will-supply"), f.type()),
            date == null ? null : ASN1VisibleString.getInstance(date.getExplicitBaseObject())
                .getString(),
            ret == null ? null : postalAddress(seqExplicit(ret)),
            locations(f.opt(3)),
            eds == null ? null : electronicDelivery(seqExplicit(eds)));
      }
      case 6 -> {
        f = new LegacyFields(s, "Hold-Placed-Results");
        r = new HoldPlacedResults(visible(f.req(0, "estimated-date-available")),
            en(MediumType.class, f.opt(1), f), locations(f.opt(2)));
      }
      case 7 -> {
        f = new LegacyFields(s, "Estimate-Results");
        r = new EstimateResults(str(f.req(0, "cost-estimate")), locations(f.opt(1)));
      }
      default -> throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT,
          "ILL-Answer.results-explanation", "unknown alternative [" + c.getTagNo() + "]");
    }
    f.done();
    return r;
  }

  static DateDue dateDue(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Date-Due");
    DateDue d = new DateDue(visible(f.req(0, "date-due-field")), bool(f.opt(1), true));
    f.done();
    return d;
  }

  static SupplyDetails supplyDetails(ASN1TaggedObject t) throws IllCodecException {
    LegacyFields f = new LegacyFields(seqImplicit(t), "Supply-Details");
    ASN1TaggedObject units = f.opt(2);
    ASN1TaggedObject electronic = f.opt(50);
    List<UnitsPerMedium> perMedium = null;
    ASN1TaggedObject pm = f.opt(8);
    if (pm != null) {
      ASN1Sequence s = seqImplicit(pm);
      perMedium = new ArrayList<>(s.size());
      for (ASN1Encodable e : s) {
        LegacyFields g = new LegacyFields(ASN1Sequence.getInstance(e), "Units-Per-Medium-Type");
        perMedium.add(new UnitsPerMedium(
            enExplicit(MediumType.class, g.req(0, "medium"), g.type()),
            ASN1Integer.getInstance(g.req(1, "no-of-units").getExplicitBaseObject())
                .intValueExact()));
        g.done();
      }
    }
    SupplyDetails d = new SupplyDetails(visible(f.opt(0)), dateDue(f.opt(1)),
        units == null ? null : ASN1Integer.getInstance(units, false).intValueExact(),
        amount(f.opt(3)),
        en(Condition.class, f.opt(4), f),
        str(f.opt(5)),
        electronic == null ? null : electronicDelivery(seqImplicit(electronic)),
        amount(f.opt(6)), amount(f.opt(7)), perMedium);
    f.done();
    return d;
  }

  static DamagedDetails damagedDetails(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Damaged-Details");
    ASN1TaggedObject doc = f.opt(0);
    ASN1TaggedObject complete = f.opt(1);
    ASN1TaggedObject specific = f.opt(2);
    f.done();
    if ((complete == null) == (specific == null)) {
      throw new IllCodecException(Kind.MALFORMED, "Damaged-Details.damaged-portion",
          "exactly one of complete-document and specific-units must be present");
    }
    List<Long> unitList = null;
    if (specific != null) {
      ASN1Sequence s = seqImplicit(specific);
      unitList = new ArrayList<>(s.size());
      for (ASN1Encodable e : s) {
        unitList.add(ASN1Integer.getInstance(e).longValueExact());
      }
    } else {
      ASN1Null.getInstance(complete, false);
    }
    return new DamagedDetails(
        doc == null ? null : ASN1ObjectIdentifier.getInstance(doc, false).getId(),
        complete != null, unitList);
  }

  static StatusReport statusReport(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Status-Report");
    LegacyFields h = new LegacyFields(seqImplicit(f.req(0, "user-status-report")), "History-Report");
    HistoryReport hr = new HistoryReport(visible(h.opt(0)), str(h.opt(1)), str(h.opt(2)),
        str(h.opt(3)), str(h.opt(4)), visible(h.req(5, "date-of-last-transition")),
        en(ApduType.class, h.req(6, "most-recent-service"), h),
        visible(h.req(7, "date-of-most-recent-service")),
        systemId(h.req(8, "initiator-of-most-recent-service")),
        en(IllServiceType.class, h.opt(9), h),
        en(TransactionResults.class, h.opt(10), h),
        str(h.opt(11)));
    h.done();
    StatusReport r = new StatusReport(hr,
        en(CurrentState.class, f.req(1, "provider-status-report"), f));
    f.done();
    return r;
  }

  static ErrorReport errorReport(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    LegacyFields f = new LegacyFields(seqImplicit(t), "Error-Report");
    IllString correlation = str(f.req(0, "correlation-information"));
    ReportSource source = en(ReportSource.class, f.req(1, "report-source"), f);
    UserErrorReport user = null;
    ASN1TaggedObject u = f.opt(2);
    if (u != null) {
      ASN1TaggedObject c = (ASN1TaggedObject) u.getExplicitBaseObject();
      if (c.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "User-Error-Report",
            "unknown alternative");
      }
      user = switch (c.getTagNo()) {
        case 0 -> {
          LegacyFields g = new LegacyFields(seqImplicit(c), "Already-Forwarded");
          UserErrorReport.AlreadyForwarded af = new UserErrorReport.AlreadyForwarded(
              systemId(g.req(0, "responder-id")), systemAddress(g.opt(1)));
          g.done();
          yield af;
        }
        case 1 -> new UserErrorReport.IntermediaryProblem(
            ASN1Enumerated.getInstance(c, false).intValueExact());
        case 2 -> new UserErrorReport.SecurityProblem(str(c));
        case 3 -> new UserErrorReport.UnableToPerformReport(
            Enums.of(UnableToPerform.class, ASN1Enumerated.getInstance(c, false).intValueExact(),
                "User-Error-Report.unable-to-perform"));
        default -> throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT,
            "User-Error-Report", "unknown alternative [" + c.getTagNo() + "]");
      };
    }
    ProviderErrorReport provider = null;
    ASN1TaggedObject p = f.opt(3);
    if (p != null) {
      ASN1TaggedObject c = (ASN1TaggedObject) p.getExplicitBaseObject();
      if (c.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "Provider-Error-Report",
            "unknown alternative");
      }
      String path = "Provider-Error-Report";
      provider = switch (c.getTagNo()) {
        case 0 -> new ProviderErrorReport.General(Enums.of(GeneralProblem.class,
            ASN1Enumerated.getInstance(c, false).intValueExact(), path));
        case 1 -> new ProviderErrorReport.TransactionIdProblemReport(Enums.of(
            TransactionIdProblem.class, ASN1Enumerated.getInstance(c, false).intValueExact(),
            path));
        case 2 -> {
          LegacyFields g = new LegacyFields(seqImplicit(c), "State-Transition-Prohibited");
          ProviderErrorReport.StateTransitionProhibited st =
              new ProviderErrorReport.StateTransitionProhibited(
                  en(ApduType.class, g.req(0, "aPDU-type"), g),
                  en(CurrentState.class, g.req(1, "current-state"), g));
          g.done();
          yield st;
        }
        default -> throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, path,
            "unknown alternative [" + c.getTagNo() + "]");
      };
    }
    f.done();
    return new ErrorReport(correlation, source, user, provider);
  }

  // ---------------------------------------------------------------- extensions

  static List<Extension> extensions(ASN1TaggedObject t) throws IllCodecException {
    return t == null ? null : extensionList(seqImplicit(t));
  }

  /** Overdue's extensions are the one EXPLICIT [49] in the module. */
  static List<Extension> overdueExtensions(ASN1TaggedObject t) throws IllCodecException {
    if (t == null) {
      return null;
    }
    // Lenient: accept the IMPLICIT form that every other APDU uses too. In the EXPLICIT form the
    // one element is the SEQUENCE OF, whose elements are (untagged) Extension SEQUENCEs.
    ASN1Sequence outer = seqImplicit(t);
    if (outer.size() == 1 && outer.getObjectAt(0) instanceof ASN1Sequence inner
        && (inner.size() == 0 || inner.getObjectAt(0) instanceof ASN1Sequence)) {
      return extensionList(inner);
    }
    return extensionList(outer);
  }

  static List<Extension> extensionList(ASN1Sequence s) throws IllCodecException {
    List<Extension> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(e), "Extension");
      long id = ASN1Integer.getInstance(f.req(0, "identifier"), false).longValueExact();
      boolean critical = bool(f.opt(1), false);
      ASN1Encodable item = f.req(2, "item").getExplicitBaseObject();
      f.done();
      out.add(new Extension(id, critical, extensionItem(item)));
    }
    return out;
  }

  static ExtensionItem extensionItem(ASN1Encodable item) throws IllCodecException {
    if (item instanceof ASN1External ext && ext.getDirectReference() != null
        && ext.getEncoding() == 0 && ext.getIndirectReference() == null
        && ext.getDataValueDescriptor() == null) {
      String oid = ext.getDirectReference().getId();
      if (OclcIllRequestExtension.OID.equals(oid)) {
        LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(ext.getExternalContent()),
            "OCLCILLRequestExtension");
        OclcIllRequestExtension o = new OclcIllRequestExtension(str(f.opt(0)), str(f.opt(1)),
            str(f.opt(2)), str(f.opt(3)), str(f.opt(4)), str(f.opt(5)), str(f.opt(6)),
            str(f.opt(7)));
        f.done();
        return o;
      }
      if (ApduDeliveryInfo.OID.equals(oid)) {
        LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(ext.getExternalContent()),
            "APDU-Delivery-Info");
        ApduDeliveryInfo d = new ApduDeliveryInfo(
            deliveryParameters(f.req(0, "sender-info")),
            deliveryParameters(f.req(1, "recipient-info")),
            deliveryParameters(f.opt(2)));
        f.done();
        return d;
      }
    }
    return raw(item);
  }

  static List<ApduDeliveryParameters> deliveryParameters(ASN1TaggedObject t)
      throws IllCodecException {
    if (t == null) {
      return null;
    }
    ASN1Sequence s = seqImplicit(t);
    List<ApduDeliveryParameters> out = new ArrayList<>(s.size());
    for (ASN1Encodable e : s) {
      LegacyFields f = new LegacyFields(ASN1Sequence.getInstance(e), "APDU-Delivery-Parameters");
      ASN1Sequence enc = seqImplicit(f.req(0, "encoding"));
      List<ApduEncoding> encodings = new ArrayList<>(enc.size());
      for (ASN1Encodable x : enc) {
        encodings.add(en(ApduEncoding.class, x, "APDU-Delivery-Parameters.encoding"));
      }
      out.add(new ApduDeliveryParameters(encodings, systemAddress(f.req(1, "transport")),
          systemIds(f.opt(2))));
      f.done();
    }
    return out;
  }
}
