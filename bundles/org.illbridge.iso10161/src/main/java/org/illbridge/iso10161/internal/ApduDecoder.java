package org.illbridge.iso10161.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.*;

/**
 * BER to APDU records. {@link BerTree} checks the structure (lengths, nesting, size, as {@link
 * BerFramer} does for the TCP reader) and indexes the TLVs over the byte array; this class maps
 * them to the model following ill9702.asn component by component, reading primitive values
 * straight from the bytes. Hand-written rather than BouncyCastle's {@code ASN1InputStream} object
 * tree, which was measured at about five times YAZ's C codec (see {@link BerTree});
 * BouncyCastle still parses OIDs and re-encodes the values kept opaque ({@link RawBer}). Any
 * unexpected runtime exception becomes an {@link IllCodecException} of kind MALFORMED in {@link
 * #decode}.
 */
public final class ApduDecoder {

  private static final byte[] OCLC_OID = oidContents(OclcIllRequestExtension.OID);
  private static final byte[] DELIVERY_INFO_OID = oidContents(ApduDeliveryInfo.OID);

  private final BerTree tree;

  private ApduDecoder(BerTree tree) {
    this.tree = tree;
  }

  public static IllApdu decode(byte[] ber, int maxSize) throws IllCodecException {
    if (ber == null || ber.length == 0) {
      throw new IllCodecException(Kind.MALFORMED, null, "empty input");
    }
    if (ber.length > maxSize) {
      throw new IllCodecException(Kind.MALFORMED, null,
          "APDU of " + ber.length + " bytes is larger than the limit of " + maxSize);
    }
    BerTree tree;
    try {
      tree = new BerTree(ber, ber.length);
    } catch (IllCodecException e) {
      // BerTree checks the framing too, but the framer's words are the ones the TCP reader uses
      // for the same faults (size, nesting, truncation): prefer them
      frame(ber, maxSize);
      throw e;
    }
    try {
      return new ApduDecoder(tree).apdu(0);
    } catch (IllCodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, null, "bad BER: " + e.getMessage(), e);
    }
  }

  private static void frame(byte[] ber, int maxSize) throws IllCodecException {
    int len = BerFramer.frameLength(ber, 0, ber.length, maxSize);
    if (len < 0) {
      throw new IllCodecException(Kind.MALFORMED, null, "truncated APDU");
    }
    if (len != ber.length) {
      throw new IllCodecException(Kind.MALFORMED, null,
          (ber.length - len) + " bytes after the end of the APDU");
    }
  }

  private IllApdu apdu(int t) throws IllCodecException {
    if (tree.tagClass(t) != BerTree.APPLICATION) {
      throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "not an ILL-APDU (expected an APPLICATION tag)");
    }
    int tag = tree.tagNo(t);
    if (tag < 1 || tag > 20) {
      throw new IllCodecException(Kind.UNSUPPORTED_TYPE, null,
          "unknown APDU [APPLICATION " + tag + "]");
    }
    ApduType type = Enums.of(ApduType.class, tag, null);
    String name = type.name();
    // [APPLICATION n] SEQUENCE in an EXPLICIT TAGS module: the tag wraps a universal SEQUENCE
    Fields f = new Fields(tree, seqExplicit(t), name);
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

  private ApduHeader header(Fields f) throws IllCodecException {
    int version = tree.intValue(f.req(0, "protocol-version-num"));
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

  int seqImplicit(int t) throws IllCodecException {
    return tree.implicitSeq(t);
  }

  int seqExplicit(int t) throws IllCodecException {
    return tree.sequence(tree.explicit(t));
  }

  IllString str(int t) throws IllCodecException {
    return t < 0 ? null : illString(tree.explicit(t));
  }

  IllString illString(int o) throws IllCodecException {
    if (tree.isUniversal(o, BerTree.GENERAL_STRING)) {
      return new IllString(tree.general(o), IllString.Form.GENERAL);
    }
    if (tree.isUniversal(o, BerTree.VISIBLE_STRING)) {
      return new IllString(tree.latin1(o), IllString.Form.EDIFACT);
    }
    throw new IllCodecException(Kind.MALFORMED, null,
        "expected an ILL-String (GeneralString or EDIFACTString)");
  }

  String visible(int t) throws IllCodecException {
    return t < 0 ? null : tree.latin1(t);
  }

  boolean bool(int t, boolean dflt) throws IllCodecException {
    return t < 0 ? dflt : tree.bool(t);
  }

  /** The one value inside an EXPLICIT tag, which must have the universal tag {@code tagNo}. */
  int explicitUniversal(int t, int tagNo) throws IllCodecException {
    int c = tree.explicit(t);
    if (!tree.isUniversal(c, tagNo)) {
      throw BerTree.malformed("[" + tree.tagNo(t) + "] holds the wrong type");
    }
    return c;
  }

  int universal(int c, int tagNo) throws IllCodecException {
    if (!tree.isUniversal(c, tagNo)) {
      throw BerTree.malformed("element of the wrong type");
    }
    return c;
  }

  <E extends Enum<E> & IllEnum> E en(Class<E> type, int t, Fields f)
      throws IllCodecException {
    if (t < 0) {
      return null;
    }
    return Enums.of(type, tree.enumValue(t), f.type());
  }

  <E extends Enum<E> & IllEnum> E enExplicit(Class<E> type, int t, String path)
      throws IllCodecException {
    if (t < 0) {
      return null;
    }
    return Enums.of(type, tree.enumValue(explicitUniversal(t, BerTree.ENUMERATED)), path);
  }

  <E extends Enum<E> & IllEnum> E en(Class<E> type, int o, String path)
      throws IllCodecException {
    return Enums.of(type, tree.enumValue(universal(o, BerTree.ENUMERATED)), path);
  }

  /**
   * An opaque value, parsed by BouncyCastle (which checks it is valid BER) and kept as DER, so
   * that passing the value through (re-encoding as DER) gives the same bytes.
   */
  RawBer raw(int o) throws IllCodecException {
    try {
      return new RawBer(ASN1Primitive.fromByteArray(tree.tlv(o)).getEncoded(ASN1Encoding.DER));
    } catch (IOException | RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, null, "bad BER: " + e.getMessage(), e);
    }
  }

  /** OBJECT IDENTIFIER contents (IMPLICIT tag) in dotted form, parsed by BouncyCastle. */
  String oid(int o) throws IllCodecException {
    if (tree.constructed(o)) {
      throw BerTree.malformed("OBJECT IDENTIFIER must be primitive");
    }
    int len = tree.contentLength(o);
    byte[] der = new byte[6 + len];
    der[0] = 0x06;
    der[1] = (byte) 0x84;
    der[2] = (byte) (len >>> 24);
    der[3] = (byte) (len >>> 16);
    der[4] = (byte) (len >>> 8);
    der[5] = (byte) len;
    System.arraycopy(tree.buf, tree.contentStart(o), der, 6, len);
    try {
      return ASN1ObjectIdentifier.getInstance(der).getId();
    } catch (RuntimeException e) {
      throw new IllCodecException(Kind.MALFORMED, null, "bad BER: " + e.getMessage(), e);
    }
  }

  RawBer rawExplicit(int t) throws IllCodecException {
    return t < 0 ? null : raw(tree.explicit(t));
  }

  List<RawBer> externals(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int s = seqImplicit(t);
    List<RawBer> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      out.add(raw(universal(e, BerTree.EXTERNAL)));
    }
    return out;
  }

  // ---------------------------------------------------------------- identities

  TransactionId transactionId(int t) throws IllCodecException {
    Fields f = new Fields(tree, seqImplicit(t), "Transaction-Id");
    TransactionId id = new TransactionId(systemId(f.opt(0)),
        str(f.req(1, "transaction-group-qualifier")),
        str(f.req(2, "transaction-qualifier")),
        str(f.opt(3)));
    f.done();
    return id;
  }

  ServiceDateTime serviceDateTime(int t) throws IllCodecException {
    Fields f = new Fields(tree, seqImplicit(t), "Service-Date-Time");
    ServiceDateTime sdt = new ServiceDateTime(
        dateTime(f.req(0, "date-time-of-this-service")), dateTime(f.opt(1)));
    f.done();
    return sdt;
  }

  IsoDateTime dateTime(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Service-Date-Time.date-time");
    IsoDateTime dt = new IsoDateTime(visible(f.req(0, "date")), visible(f.opt(1)));
    f.done();
    return dt;
  }

  /** System-Id, always IMPLICIT where used. */
  SystemId systemId(int t) throws IllCodecException {
    return t < 0 ? null : systemIdSeq(seqImplicit(t));
  }

  SystemId systemIdSeq(int s) throws IllCodecException {
    Fields f = new Fields(tree, s, "System-Id");
    int sym = f.opt(0);
    int name = f.opt(1);
    f.done();
    PersonOrInstitutionSymbol symbol = null;
    if (sym >= 0) {
      int c = choice(tree.explicit(sym), "Person-Or-Institution-Symbol");
      symbol = new PersonOrInstitutionSymbol(party(c), str(c));
    }
    return new SystemId(symbol, name < 0 ? null : nameOf(tree.explicit(name)));
  }

  NameOfPersonOrInstitution nameOf(int o) throws IllCodecException {
    int c = choice(o, "Name-Of-Person-Or-Institution");
    return new NameOfPersonOrInstitution(party(c), str(c));
  }

  private int choice(int c, String type) throws IllCodecException {
    if (tree.isContext(c) && tree.tagNo(c) <= 1) {
      return c;
    }
    throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, type, "unknown alternative");
  }

  private PartyKind party(int c) {
    return tree.tagNo(c) == 0 ? PartyKind.PERSON : PartyKind.INSTITUTION;
  }

  List<SystemId> systemIds(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int s = seqImplicit(t);
    List<SystemId> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      out.add(systemIdSeq(tree.sequence(e)));
    }
    return out;
  }

  SystemAddress systemAddress(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "System-Address");
    SystemAddress a = new SystemAddress(str(f.opt(0)), str(f.opt(1)));
    f.done();
    return a;
  }

  PostalAddress postalAddress(int t) throws IllCodecException {
    return t < 0 ? null : postalAddressSeq(seqImplicit(t));
  }

  PostalAddress postalAddressSeq(int s) throws IllCodecException {
    Fields f = new Fields(tree, s, "Postal-Address");
    int name = f.opt(0);
    PostalAddress a = new PostalAddress(
        name < 0 ? null : nameOf(tree.explicit(name)),
        str(f.opt(1)), str(f.opt(2)), str(f.opt(3)), str(f.opt(4)), str(f.opt(5)),
        str(f.opt(6)), str(f.opt(7)));
    f.done();
    return a;
  }

  DeliveryAddress deliveryAddress(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Delivery-Address");
    DeliveryAddress a = new DeliveryAddress(postalAddress(f.opt(0)), systemAddress(f.opt(1)));
    f.done();
    return a;
  }

  DeliveryService deliveryService(int physical, int electronic)
      throws IllCodecException {
    if (physical >= 0 && electronic >= 0) {
      throw new IllCodecException(Kind.MALFORMED, "Delivery-Service",
          "both physical and electronic delivery");
    }
    if (physical >= 0) {
      return new DeliveryService.Physical(str(physical));
    }
    if (electronic >= 0) {
      int s = seqImplicit(electronic);
      List<ElectronicDeliveryService> out = new ArrayList<>(tree.size(s));
      for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
        out.add(electronicDelivery(tree.sequence(e)));
      }
      return new DeliveryService.Electronic(out);
    }
    return null;
  }

  ElectronicDeliveryService electronicDelivery(int s) throws IllCodecException {
    Fields f = new Fields(tree, s, "Electronic-Delivery-Service");
    String mode = null;
    RawBer modeParams = null;
    int svc = f.opt(0);
    if (svc >= 0) {
      Fields g = new Fields(tree, seqImplicit(svc),
          "Electronic-Delivery-Service.e-delivery-service");
      mode = oid(g.req(0, "e-delivery-mode"));
      modeParams = rawExplicit(g.req(1, "e-delivery-parameters"));
      g.done();
    }
    String docType = null;
    RawBer docParams = null;
    int doc = f.opt(1);
    if (doc >= 0) {
      Fields g = new Fields(tree, seqImplicit(doc), "Electronic-Delivery-Service.document-type");
      docType = oid(g.req(2, "document-type-id"));
      docParams = rawExplicit(g.req(3, "document-type-parameters"));
      g.done();
    }
    IllString description = str(f.opt(4));
    int details = f.req(5, "e-delivery-details");
    int d = tree.explicit(details);
    SystemAddress address = null;
    SystemId id = null;
    if (tree.isContext(d) && tree.tagNo(d) == 0) {
      Fields g = new Fields(tree, seqImplicit(d), "System-Address");
      address = new SystemAddress(str(g.opt(0)), str(g.opt(1)));
      g.done();
    } else if (tree.isContext(d) && tree.tagNo(d) == 1) {
      id = systemId(d);
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

  List<IllServiceType> serviceTypes(int t) throws IllCodecException {
    int s = seqImplicit(t);
    if (tree.size(s) == 0) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "ILL-Request.iLL-service-type",
          "no service type");
    }
    List<IllServiceType> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      out.add(en(IllServiceType.class, e, "ILL-Request.iLL-service-type"));
    }
    return out;
  }

  RequesterOptionalMessages requesterOptional(int t)
      throws IllCodecException {
    Fields f = new Fields(tree, seqImplicit(t), "Requester-Optional-Messages-Type");
    RequesterOptionalMessages r = new RequesterOptionalMessages(
        bool(f.req(0, "can-send-RECEIVED"), false),
        bool(f.req(1, "can-send-RETURNED"), false),
        en(MessagingPreference.class, f.req(2, "requester-SHIPPED"), f),
        en(MessagingPreference.class, f.req(3, "requester-CHECKED-IN"), f));
    f.done();
    return r;
  }

  ResponderOptionalMessages responderOptional(int t)
      throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Responder-Optional-Messages-Type");
    ResponderOptionalMessages r = new ResponderOptionalMessages(
        bool(f.req(0, "can-send-SHIPPED"), false),
        bool(f.req(1, "can-send-CHECKED-IN"), false),
        en(MessagingPreference.class, f.req(2, "responder-RECEIVED"), f),
        en(MessagingPreference.class, f.req(3, "responder-RETURNED"), f));
    f.done();
    return r;
  }

  SearchType searchType(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Search-Type");
    SearchType s = new SearchType(str(f.opt(0)), visible(f.opt(1)),
        en(ExpiryFlag.class, f.opt(2), f), visible(f.opt(3)));
    f.done();
    return s;
  }

  List<SupplyMediumInfo> supplyMedium(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int s = seqImplicit(t);
    List<SupplyMediumInfo> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      Fields f = new Fields(tree, tree.sequence(e), "Supply-Medium-Info-Type");
      out.add(new SupplyMediumInfo(en(MediumType.class, f.req(0, "supply-medium-type"), f),
          str(f.opt(1))));
      f.done();
    }
    return out;
  }

  ClientId clientId(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Client-Id");
    ClientId c = new ClientId(str(f.opt(0)), str(f.opt(1)), str(f.opt(2)));
    f.done();
    return c;
  }

  ItemId itemId(int t) throws IllCodecException {
    Fields f = new Fields(tree, seqImplicit(t), "Item-Id");
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

  Amount amount(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Amount");
    int cur = f.opt(0);
    Amount a = new Amount(cur < 0 ? null : tree.latin1(cur),
        tree.latin1(f.req(1, "monetary-value")));
    f.done();
    return a;
  }

  CostInfoType costInfo(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Cost-Info-Type");
    CostInfoType c = new CostInfoType(str(f.opt(0)), amount(f.opt(1)),
        bool(f.opt(2), false), bool(f.opt(3), false), bool(f.opt(4), false));
    f.done();
    return c;
  }

  ThirdPartyInfo thirdParty(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Third-Party-Info-Type");
    ThirdPartyInfo i = new ThirdPartyInfo(bool(f.opt(0), false), bool(f.opt(1), false),
        bool(f.opt(2), false), bool(f.opt(3), false), systemAddress(f.opt(4)),
        en(SendToPreference.class, f.opt(5), f), sendToList(f.opt(6)), systemIds(f.opt(7)));
    f.done();
    return i;
  }

  List<SendToEntry> sendToList(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int s = seqImplicit(t);
    List<SendToEntry> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      Fields f = new Fields(tree, tree.sequence(e), "Send-To-List-Type");
      out.add(new SendToEntry(systemId(f.req(0, "system-id")), str(f.opt(1)),
          systemAddress(f.opt(2))));
      f.done();
    }
    return out;
  }

  // ---------------------------------------------------------------- answer, shipped, reports

  List<LocationInfo> locations(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int s = seqImplicit(t);
    List<LocationInfo> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      Fields f = new Fields(tree, tree.sequence(e), "Location-Info");
      out.add(new LocationInfo(systemId(f.req(0, "location-id")), systemAddress(f.opt(1)),
          str(f.opt(2))));
      f.done();
    }
    return out;
  }

  ResultsExplanation results(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int c = tree.explicit(t);
    if (!tree.isContext(c)) {
      throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "ILL-Answer.results-explanation",
          "unknown alternative");
    }
    int s = seqExplicit(c);
    Fields f;
    ResultsExplanation r;
    switch (tree.tagNo(c)) {
      case 1 -> {
        f = new Fields(tree, s, "Conditional-Results");
        r = new ConditionalResults(en(Condition.class, f.req(0, "conditions"), f),
            visible(f.opt(1)), locations(f.opt(2)), deliveryService(f.opt(7), f.opt(50)));
      }
      case 2 -> {
        f = new Fields(tree, s, "Retry-Results");
        r = new RetryResults(en(ReasonCode.class, f.opt(0), f), visible(f.opt(1)),
            locations(f.opt(2)));
      }
      case 3 -> {
        f = new Fields(tree, s, "Unfilled-Results");
        r = new UnfilledResults(en(ReasonCode.class, f.req(0, "reason-unfilled"), f),
            locations(f.opt(1)));
      }
      case 4 -> {
        f = new Fields(tree, s, "Locations-Results");
        r = new LocationsResults(en(ReasonCode.class, f.opt(0), f),
            locations(f.req(1, "locations")));
      }
      case 5 -> {
        f = new Fields(tree, s, "Will-Supply-Results");
        int ret = f.opt(2);
        int eds = f.opt(4);
        int date = f.opt(1);
        r = new WillSupplyResults(
            enExplicit(ReasonCode.class, f.req(0, "reason-will-supply"), f.type()),
            date < 0 ? null : tree.latin1(explicitUniversal(date, BerTree.VISIBLE_STRING)),
            ret < 0 ? null : postalAddressSeq(seqExplicit(ret)),
            locations(f.opt(3)),
            eds < 0 ? null : electronicDelivery(seqExplicit(eds)));
      }
      case 6 -> {
        f = new Fields(tree, s, "Hold-Placed-Results");
        r = new HoldPlacedResults(visible(f.req(0, "estimated-date-available")),
            en(MediumType.class, f.opt(1), f), locations(f.opt(2)));
      }
      case 7 -> {
        f = new Fields(tree, s, "Estimate-Results");
        r = new EstimateResults(str(f.req(0, "cost-estimate")), locations(f.opt(1)));
      }
      default -> throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT,
          "ILL-Answer.results-explanation", "unknown alternative [" + tree.tagNo(c) + "]");
    }
    f.done();
    return r;
  }

  DateDue dateDue(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Date-Due");
    DateDue d = new DateDue(visible(f.req(0, "date-due-field")), bool(f.opt(1), true));
    f.done();
    return d;
  }

  SupplyDetails supplyDetails(int t) throws IllCodecException {
    Fields f = new Fields(tree, seqImplicit(t), "Supply-Details");
    int units = f.opt(2);
    int electronic = f.opt(50);
    List<UnitsPerMedium> perMedium = null;
    int pm = f.opt(8);
    if (pm >= 0) {
      int s = seqImplicit(pm);
      perMedium = new ArrayList<>(tree.size(s));
      for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
        Fields g = new Fields(tree, tree.sequence(e), "Units-Per-Medium-Type");
        perMedium.add(new UnitsPerMedium(
            enExplicit(MediumType.class, g.req(0, "medium"), g.type()),
            tree.intValue(explicitUniversal(g.req(1, "no-of-units"), BerTree.INTEGER))));
        g.done();
      }
    }
    SupplyDetails d = new SupplyDetails(visible(f.opt(0)), dateDue(f.opt(1)),
        units < 0 ? null : tree.intValue(units),
        amount(f.opt(3)),
        en(Condition.class, f.opt(4), f),
        str(f.opt(5)),
        electronic < 0 ? null : electronicDelivery(seqImplicit(electronic)),
        amount(f.opt(6)), amount(f.opt(7)), perMedium);
    f.done();
    return d;
  }

  DamagedDetails damagedDetails(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Damaged-Details");
    int doc = f.opt(0);
    int complete = f.opt(1);
    int specific = f.opt(2);
    f.done();
    if ((complete < 0) == (specific < 0)) {
      throw new IllCodecException(Kind.MALFORMED, "Damaged-Details.damaged-portion",
          "exactly one of complete-document and specific-units must be present");
    }
    List<Long> unitList = null;
    if (specific >= 0) {
      int s = seqImplicit(specific);
      unitList = new ArrayList<>(tree.size(s));
      for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
        unitList.add(tree.integer(universal(e, BerTree.INTEGER), 8, "integer"));
      }
    } else {
      tree.nul(complete);
    }
    return new DamagedDetails(
        doc < 0 ? null : oid(doc),
        complete >= 0, unitList);
  }

  StatusReport statusReport(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Status-Report");
    Fields h = new Fields(tree, seqImplicit(f.req(0, "user-status-report")), "History-Report");
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

  ErrorReport errorReport(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    Fields f = new Fields(tree, seqImplicit(t), "Error-Report");
    IllString correlation = str(f.req(0, "correlation-information"));
    ReportSource source = en(ReportSource.class, f.req(1, "report-source"), f);
    UserErrorReport user = null;
    int u = f.opt(2);
    if (u >= 0) {
      int c = tree.explicit(u);
      if (tree.tagClass(c) == BerTree.UNIVERSAL) {
        throw BerTree.malformed("User-Error-Report is not a tagged alternative");
      }
      if (!tree.isContext(c)) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "User-Error-Report",
            "unknown alternative");
      }
      user = switch (tree.tagNo(c)) {
        case 0 -> {
          Fields g = new Fields(tree, seqImplicit(c), "Already-Forwarded");
          UserErrorReport.AlreadyForwarded af = new UserErrorReport.AlreadyForwarded(
              systemId(g.req(0, "responder-id")), systemAddress(g.opt(1)));
          g.done();
          yield af;
        }
        case 1 -> new UserErrorReport.IntermediaryProblem(
            tree.enumValue(c));
        case 2 -> new UserErrorReport.SecurityProblem(str(c));
        case 3 -> new UserErrorReport.UnableToPerformReport(
            Enums.of(UnableToPerform.class, tree.enumValue(c),
                "User-Error-Report.unable-to-perform"));
        default -> throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT,
            "User-Error-Report", "unknown alternative [" + tree.tagNo(c) + "]");
      };
    }
    ProviderErrorReport provider = null;
    int p = f.opt(3);
    if (p >= 0) {
      int c = tree.explicit(p);
      if (tree.tagClass(c) == BerTree.UNIVERSAL) {
        throw BerTree.malformed("Provider-Error-Report is not a tagged alternative");
      }
      if (!tree.isContext(c)) {
        throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, "Provider-Error-Report",
            "unknown alternative");
      }
      String path = "Provider-Error-Report";
      provider = switch (tree.tagNo(c)) {
        case 0 -> new ProviderErrorReport.General(Enums.of(GeneralProblem.class,
            tree.enumValue(c), path));
        case 1 -> new ProviderErrorReport.TransactionIdProblemReport(Enums.of(
            TransactionIdProblem.class, tree.enumValue(c),
            path));
        case 2 -> {
          Fields g = new Fields(tree, seqImplicit(c), "State-Transition-Prohibited");
          ProviderErrorReport.StateTransitionProhibited st =
              new ProviderErrorReport.StateTransitionProhibited(
                  en(ApduType.class, g.req(0, "aPDU-type"), g),
                  en(CurrentState.class, g.req(1, "current-state"), g));
          g.done();
          yield st;
        }
        default -> throw new IllCodecException(Kind.UNRECOGNISED_DATA_ELEMENT, path,
            "unknown alternative [" + tree.tagNo(c) + "]");
      };
    }
    f.done();
    return new ErrorReport(correlation, source, user, provider);
  }

  // ---------------------------------------------------------------- extensions

  List<Extension> extensions(int t) throws IllCodecException {
    return t < 0 ? null : extensionList(seqImplicit(t));
  }

  /** Overdue's extensions are the one EXPLICIT [49] in the module. */
  List<Extension> overdueExtensions(int t) throws IllCodecException {
    if (t < 0) {
      return null;
    }
    // Lenient: accept the IMPLICIT form that every other APDU uses too. In the EXPLICIT form the
    // one element is the SEQUENCE OF, whose elements are (untagged) Extension SEQUENCEs.
    int outer = seqImplicit(t);
    int inner = tree.first(outer);
    if (inner >= 0 && tree.next(outer, inner) < 0 && isSequence(inner)
        && (tree.first(inner) < 0 || isSequence(tree.first(inner)))) {
      return extensionList(inner);
    }
    return extensionList(outer);
  }

  List<Extension> extensionList(int s) throws IllCodecException {
    List<Extension> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      Fields f = new Fields(tree, tree.sequence(e), "Extension");
      long id = tree.integer(f.req(0, "identifier"), 8, "integer");
      boolean critical = bool(f.opt(1), false);
      int item = tree.explicit(f.req(2, "item"));
      f.done();
      out.add(new Extension(id, critical, extensionItem(item)));
    }
    return out;
  }

  private boolean isSequence(int i) {
    return tree.constructed(i) && tree.isUniversal(i, BerTree.SEQUENCE);
  }

  /**
   * The two extensions the codec knows come as an EXTERNAL with a direct reference and
   * single-ASN1-type encoding, as YAZ writes them; anything else is kept opaque.
   */
  ExtensionItem extensionItem(int item) throws IllCodecException {
    if (tree.constructed(item) && tree.isUniversal(item, BerTree.EXTERNAL)) {
      int ref = tree.first(item);
      int enc = ref < 0 ? -1 : tree.next(item, ref);
      if (enc >= 0 && tree.next(item, enc) < 0
          && !tree.constructed(ref) && tree.isUniversal(ref, BerTree.OID)
          && tree.isContext(enc) && tree.tagNo(enc) == 0) {
        if (tree.contentEquals(ref, OCLC_OID)) {
          Fields f = new Fields(tree, seqExplicit(enc), "OCLCILLRequestExtension");
          OclcIllRequestExtension o = new OclcIllRequestExtension(str(f.opt(0)), str(f.opt(1)),
              str(f.opt(2)), str(f.opt(3)), str(f.opt(4)), str(f.opt(5)), str(f.opt(6)),
              str(f.opt(7)));
          f.done();
          return o;
        }
        if (tree.contentEquals(ref, DELIVERY_INFO_OID)) {
          Fields f = new Fields(tree, seqExplicit(enc), "APDU-Delivery-Info");
          ApduDeliveryInfo d = new ApduDeliveryInfo(
              deliveryParameters(f.req(0, "sender-info")),
              deliveryParameters(f.req(1, "recipient-info")),
              deliveryParameters(f.opt(2)));
          f.done();
          return d;
        }
      }
    }
    return raw(item);
  }

  /** Contents of an OBJECT IDENTIFIER's encoding (after tag and one length byte). */
  private static byte[] oidContents(String oid) {
    try {
      byte[] der = new ASN1ObjectIdentifier(oid).getEncoded();
      return java.util.Arrays.copyOfRange(der, 2, der.length);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  List<ApduDeliveryParameters> deliveryParameters(int t)
      throws IllCodecException {
    if (t < 0) {
      return null;
    }
    int s = seqImplicit(t);
    List<ApduDeliveryParameters> out = new ArrayList<>(tree.size(s));
    for (int e = tree.first(s); e >= 0; e = tree.next(s, e)) {
      Fields f = new Fields(tree, tree.sequence(e), "APDU-Delivery-Parameters");
      int enc = seqImplicit(f.req(0, "encoding"));
      List<ApduEncoding> encodings = new ArrayList<>(tree.size(enc));
      for (int x = tree.first(enc); x >= 0; x = tree.next(enc, x)) {
        encodings.add(en(ApduEncoding.class, x, "APDU-Delivery-Parameters.encoding"));
      }
      out.add(new ApduDeliveryParameters(encodings, systemAddress(f.req(1, "transport")),
          systemIds(f.opt(2))));
      f.done();
    }
    return out;
  }
}
