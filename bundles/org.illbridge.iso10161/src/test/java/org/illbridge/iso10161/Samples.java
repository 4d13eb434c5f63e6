package org.illbridge.iso10161;

import java.util.List;

/** Fully populated APDUs for tests and benchmarks: every optional component set somewhere. */
public final class Samples {
  private Samples() {}

  public static ApduHeader header() {
    return new ApduHeader(2,
        new TransactionId(SystemId.institution("BVAS"), IllString.of("GRP"), IllString.of("Q-1"),
            IllString.of("SUB-1")),
        new ServiceDateTime(new IsoDateTime("20240315", "101530"),
            new IsoDateTime("20240301", null)),
        new SystemId(new PersonOrInstitutionSymbol(PartyKind.INSTITUTION, IllString.of("BVAS")),
            new NameOfPersonOrInstitution(PartyKind.INSTITUTION,
                IllString.of("Simon Fraser University"))),
        new SystemId(new PersonOrInstitutionSymbol(PartyKind.PERSON,
            new IllString("JSMITH", IllString.Form.EDIFACT)),
            new NameOfPersonOrInstitution(PartyKind.PERSON, IllString.of("J. Smith"))));
  }

  static SystemAddress address() {
    return new SystemAddress(IllString.of("TCP/IP"), IllString.of("ill.example.org:499"));
  }

  static PostalAddress postal() {
    return new PostalAddress(
        new NameOfPersonOrInstitution(PartyKind.INSTITUTION, IllString.of("SFU Library")),
        IllString.of("ILL office"), IllString.of("8888 University Dr"), IllString.of("PO 12"),
        IllString.of("Burnaby"), IllString.of("BC"), IllString.of("CA"), IllString.of("V5A 1S6"));
  }

  static ElectronicDeliveryService eds() {
    return new ElectronicDeliveryService("1.2.840.10003.3.1", new RawBer(new byte[] {5, 0}),
        "1.0.10161.2.1", new RawBer(new byte[] {4, 1, 7}), IllString.of("Ariel"), address(), null,
        IllString.of("file-1.pdf"), "120000");
  }

  static List<LocationInfo> locations() {
    return List.of(new LocationInfo(SystemId.institution("UBC"), address(), IllString.of("n")));
  }

  static List<Extension> extensions() {
    return List.of(
        new Extension(3, true, new ApduDeliveryInfo(
            List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER, ApduEncoding.BER_IN_MIME),
                address(), List.of(SystemId.institution("BVAS")))),
            List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER), address(), null)),
            null)),
        new Extension(2, false, new OclcIllRequestExtension(IllString.of("Physics"),
            IllString.of("IFM"), IllString.of("Hamlet"), IllString.of("PhD"), IllString.of("4"),
            IllString.of("12"), IllString.of("GWLA"), IllString.of("WorldCat"))),
        // an INTEGER 5, opaque
        new Extension(9, false, new RawBer(new byte[] {2, 1, 5})));
  }

  public static IllRequest fullRequest() {
    ItemId item = new ItemId(ItemType.SERIAL, MediumType.PRINTED, IllString.of("QA1"),
        IllString.of("Knuth, Donald"), IllString.of("The Art of Computer Programming"),
        IllString.of("Vol. 1"), IllString.of("ACM"), IllString.of("Reading, Mass."),
        IllString.of("Addison-Wesley"), IllString.of("Series 1"), IllString.of("v.1 no.2"),
        IllString.of("3rd ed."), IllString.of("1997"), IllString.of("1998"),
        IllString.of("Smith, A."), IllString.of("On sorting"), IllString.of("1-20"),
        null, IllString.of("0201896834"), IllString.of("12345678"), null,
        IllString.of("XYZ"), IllString.of("OCLC"));
    return new IllRequest(header(), TransactionType.CHAINED,
        new DeliveryAddress(postal(), address()),
        new DeliveryService.Electronic(List.of(eds())),
        new DeliveryAddress(postal(), null),
        List.of(IllServiceType.COPY_NON_RETURNABLE, IllServiceType.LOAN),
        null,
        new RequesterOptionalMessages(true, false, MessagingPreference.REQUIRES,
            MessagingPreference.NEITHER),
        new SearchType(IllString.of("A"), "20240430", ExpiryFlag.OTHER_DATE, "20240501"),
        List.of(new SupplyMediumInfo(MediumType.PHOTOCOPY, IllString.of("A4"))),
        PlaceOnHold.NO,
        new ClientId(IllString.of("Jane Patron"), IllString.of("faculty"), IllString.of("P-42")),
        item,
        null,
        new CostInfoType(IllString.of("ACC-1"), new Amount("CAD", "25.00"), true, true, false),
        IllString.of("CCG"),
        new ThirdPartyInfo(true, false, true, false, address(), SendToPreference.ORDERED,
            List.of(new SendToEntry(SystemId.institution("UBC"), IllString.of("A-9"), address())),
            List.of(SystemId.institution("UVIC"))),
        true, false, IllString.of("Requester note é"), IllString.of("Forward note"),
        extensions());
  }

  /** One instance of each of the 20 APDUs. */
  public static List<IllApdu> allApdus() {
    ApduHeader h = header();
    SupplyDetails sd = new SupplyDetails("20240320", new DateDue("20240420", false), 3,
        new Amount(null, "5"), Condition.SPECIAL_COLLECTIONS_SUPERVISION_REQUIRED, null, eds(),
        new Amount("USD", "100"), new Amount("USD", "50"),
        List.of(new UnitsPerMedium(MediumType.MICROFORM, 2)));
    return List.of(
        fullRequest(),
        new ForwardNotification(h, address(), SystemId.institution("MID"), IllString.of("fwd"),
            extensions()),
        new Shipped(h, address(), SystemId.institution("MID"), SystemId.institution("SUP"),
            new ClientId(null, null, IllString.of("P-1")), TransactionType.PARTITIONED, null,
            IllServiceType.COPY_NON_RETURNABLE,
            new ResponderOptionalMessages(false, true, MessagingPreference.NEITHER,
                MessagingPreference.DESIRES), sd, postal(), IllString.of("note"), null),
        new IllAnswer(h, TransactionResults.LOCATIONS_PROVIDED,
            new LocationsResults(ReasonCode.NOT_OWNED, locations()), null, null,
            List.of(new SendToEntry(SystemId.institution("X"), null, null)),
            List.of(SystemId.institution("Y")),
            new ResponderOptionalMessages(true, true, MessagingPreference.REQUIRES,
                MessagingPreference.REQUIRES), IllString.of("r"), null),
        new IllAnswer(h, TransactionResults.HOLD_PLACED,
            new HoldPlacedResults("20240501", MediumType.AUDIO_RECORDING, locations()), null,
            null, null, null, null, null, null),
        new IllAnswer(h, TransactionResults.ESTIMATE,
            new EstimateResults(IllString.of("10 USD"), locations()), null, null, null, null,
            null, null, null),
        new IllAnswer(h, TransactionResults.WILL_SUPPLY,
            new WillSupplyResults(ReasonCode.ELECTRONIC_DELIVERY, "20240322", postal(),
                locations(), eds()), null, null, null, null, null, null, null),
        new IllAnswer(h, TransactionResults.CONDITIONAL,
            new ConditionalResults(Condition.LIBRARY_USE_ONLY, "20240401", locations(),
                new DeliveryService.Physical(IllString.of("Courier"))), null, null, null, null,
            null, null, null),
        new ConditionalReply(h, true, IllString.of("ok"), null),
        new Cancel(h, IllString.of("not needed"), null),
        new CancelReply(h, false, null, null),
        new Received(h, SystemId.institution("SUP"), null, "20240322", IllServiceType.LOAN,
            null, null),
        new Recall(h, IllString.of("needed back"), null),
        new Returned(h, null, "20240415", IllString.of("Post"), new Amount("CAD", "1"), null,
            null),
        new CheckedIn(h, "20240418", null, null),
        new Overdue(h, new DateDue("20240420", true), null, extensions()),
        new Renew(h, "20240520", null, null),
        new RenewAnswer(h, false, null, IllString.of("no"), null),
        new Lost(h, IllString.of("lost in transit"), null),
        new Damaged(h, new DamagedDetails("1.0.10161.2.1", true, null), null, null),
        new Message(h, IllString.of("hello"), extensions()),
        new StatusQuery(h, null, null),
        new StatusOrErrorReport(h, ReasonNoReport.TEMPORARY, null,
            new ErrorReport(IllString.of("c"), ReportSource.USER,
                new UserErrorReport.AlreadyForwarded(SystemId.institution("Z"), address()), null),
            null, null),
        new StatusOrErrorReport(h, null, null,
            new ErrorReport(IllString.of("c"), ReportSource.USER,
                new UserErrorReport.SecurityProblem(IllString.of("denied")), null), null, null),
        new StatusOrErrorReport(h, null, null,
            new ErrorReport(IllString.of("c"), ReportSource.PROVIDER, null,
                new ProviderErrorReport.General(GeneralProblem.BADLY_STRUCTURED_APDU)), null,
            null),
        new Expired(h, null));
  }
}
