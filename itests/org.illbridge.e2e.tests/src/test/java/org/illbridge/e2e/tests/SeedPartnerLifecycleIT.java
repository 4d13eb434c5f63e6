package org.illbridge.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.illbridge.iso10161.ApduDeliveryInfo;
import org.illbridge.iso10161.ApduDeliveryParameters;
import org.illbridge.iso10161.ApduType;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.Extension;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllRequest;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.SystemId;
import org.illbridge.itests.support.Await;
import org.illbridge.itests.support.Closer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A full loan life cycle with the seed partner types the other classes do not cover (issue 10
 * item 3): an OCLC-like lender (seed 002) over ISO 10161 TCP, an Alma-like lender (seed 001)
 * taking BER by HTTP POST and sending its answers to the bridge's BER-over-HTTP endpoint, and an
 * Alma-like lender over ISO 18626. The test is the home system (REST in, signed webhooks out);
 * the lenders are the project's simulators inside the server; between the bridge and each lender
 * sits a wire tap in the test JVM, so the test decodes what the lender really received.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SeedPartnerLifecycleIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String HOME_SYMBOL = "CA-E2E-HOME"; // ISIL:CA-E2E-HOME on ISO 10161
  private static final String OCLC_VERIFIED = "OCLC WorldCat (bridge default)";
  private static final String SHIP_TO_NAME = "E2E Home Library ILL";
  private static final String ALMA_ADDRESS_NAME = "E2E Home Library (Alma deliveries)";

  private static Bridge bridge;
  private static HomeSystem home;
  private static TcpApduTap oclcTap;
  private static HttpTap almaHttpTap;
  private static HttpTap alma18626Tap;

  @BeforeAll
  static void start() throws Exception {
    home = new HomeSystem();
    bridge = Bridge.prepare("seed-partners");
    bridge.installSimulator();
    bridge.homePartner(HomeSystem.AGENCY, home.port());
    // seed 002: the OCLC dialect fills what the request lacks from these defaults
    bridge.conf("org.illbridge.dialect.oclc.cfg", "serviceLevel=\nneedBeforeDays=30\nverificationSource="
        + OCLC_VERIFIED + "\nshipTo=" + SHIP_TO_NAME + "\\n1 Test Street\\nVictoria BC V8W 3H5\n");
    // seed 001: Alma wants a delivery address on every request
    bridge.conf("org.illbridge.dialect.alma.cfg", "deliveryAddress=" + ALMA_ADDRESS_NAME
        + "\\n2 Test Street\\nVictoria BC V8W 3H5\n");
    // Alma posts its answers as BER over HTTP; only loopback may post

    oclcTap = new TcpApduTap(bridge.simulatedLender("oclc", "OCLC:OCL", "OCLC", "oclc", 1.0));
    bridge.partnerEndpoint("oclc", "tcp://127.0.0.1:" + oclcTap.port());
    almaHttpTap = new HttpTap(bridge.simulatedLender("almahttp", "ISIL:CA-E2E-ALMA", "ALMA_HTTP", "alma", 1.0));
    bridge.partnerEndpoint("almahttp", "http://127.0.0.1:" + almaHttpTap.port() + "/view/iso-ill");
    alma18626Tap = new HttpTap(bridge.simulatedLender("alma18", "ISIL:CA-E2E-ALMA18", "ALMA_ISO18626", "alma", 1.0));
    bridge.partnerEndpoint("alma18", "http://127.0.0.1:" + alma18626Tap.port() + "/iso18626");
    bridge.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Closer.closeAll(bridge, home, oclcTap, almaHttpTap, alma18626Tap);
  }

  /** Received and Returned from the home system after the Shipped; waits for LoanCompleted and its webhook. */
  private static void borrowAndReturn(String requestId, String key) throws Exception {
    bridge.action(key, "received");
    Await.until("RECEIVED", WAIT, () -> "RECEIVED".equals(bridge.state(key)));
    bridge.action(key, "returned");
    Await.until("Checked-In completes the loan", WAIT, () -> "LOAN_COMPLETED".equals(bridge.state(key)));
    Await.until("home system told of the Checked-In", WAIT,
        () -> !home.about(requestId, key, "CHECKED_IN").isEmpty());
  }

  /** The APDUs of one transaction (the bridge's id for that lender) among those a tap saw. */
  private static List<IllApdu> ofTransaction(List<IllApdu> apdus, String transactionId) {
    List<IllApdu> out = new ArrayList<>();
    for (IllApdu a : apdus) {
      if (transactionId.equals(IllString.text(a.header().transactionId().qualifier()))) {
        out.add(a);
      }
    }
    return out;
  }

  private static List<ApduType> types(List<IllApdu> apdus) {
    return apdus.stream().map(IllApdu::type).toList();
  }

  /**
   * A loan request to the OCLC-like lender whose item has an author and one more field, and
   * neither a verification source nor a ship-to (Bridge.createRequest always sends WorldCat).
   */
  private static String requestFromOclc(String requestId, String itemField, String value) throws Exception {
    var o = Bridge.JSON.createObjectNode();
    o.put("requestId", requestId);
    o.put("requester", HomeSystem.AGENCY);
    o.put("serviceType", "LOAN");
    o.putObject("item").put(itemField, value).put("author", "Author, Oclc");
    o.putArray("lenders").add("oclc");
    return bridge.rest.createRequest(o.toString());
  }

  private static String symbol(SystemId id) {
    return id == null || id.symbol() == null ? null : IllString.text(id.symbol().value());
  }

  @Test
  void oclcLikeLenderGetsTheRequiredFieldsAndNeverWillSupplyOrConditional() throws Exception {
    // No verification source and no ship-to: the OCLC dialect must fill them (seed 002 requires
    // Title, Verified, Ship To and one of service level / need-before / expiry date, and the
    // simulated OCLC refuses a request without them).
    String key = requestFromOclc("O-1", "title", "An OCLC loan");
    LocalDate sent = LocalDate.now(ZoneOffset.UTC);

    Await.until("Shipped from the OCLC-like lender", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    Await.until("home system told of Shipped", WAIT, () -> !home.about("O-1", key, "SHIPPED").isEmpty());
    borrowAndReturn("O-1", key);
    JsonNode tx = bridge.awaitMessages(key, "OUTBOUND", "oclc", "RETURNED", 1, WAIT);
    assertEquals(key + "-1", tx.path("supplier").path("requesterTransactionId").asText());

    // what the lender received, decoded from the wire
    List<IllApdu> got = ofTransaction(oclcTap.received(), key + "-1");
    assertTrue(oclcTap.problems().isEmpty(), "undecodable bytes to the lender: " + oclcTap.problems());
    assertEquals(List.of(ApduType.ILL_REQUEST, ApduType.RECEIVED, ApduType.RETURNED), types(got),
        "the bridge sent the OCLC-like lender a request, Received and Returned, and nothing else");
    assertTrue(got.stream().noneMatch(a -> a.type() == ApduType.ILL_ANSWER
        || a.type() == ApduType.CONDITIONAL_REPLY), "no ILL-Answer (Will-Supply, Conditional) nor Conditional-Reply");
    IllRequest request = (IllRequest) got.get(0);
    assertEquals("An OCLC loan", IllString.text(request.itemId().title()), "Title");
    assertEquals(OCLC_VERIFIED, IllString.text(request.itemId().verificationReferenceSource()),
        "Verified: the dialect's default, the request had none");
    assertNotNull(request.deliveryAddress(), "Ship To");
    assertEquals(SHIP_TO_NAME, IllString.text(request.deliveryAddress().postalAddress().name().value()));
    assertNotNull(request.searchType(), "search type with the need-before date");
    LocalDate needBefore = LocalDate.parse(request.searchType().needBeforeDate(), DateTimeFormatter.BASIC_ISO_DATE);
    assertTrue(!needBefore.isBefore(sent.plusDays(30)) && !needBefore.isAfter(sent.plusDays(31)),
        "need-before 30 days after the request: " + needBefore);

    // and what the lender answered: Shipped and Checked-In only
    for (String never : List.of("WILL_SUPPLY", "CONDITIONAL", "UNFILLED")) {
      assertTrue(Bridge.messages(tx, "INBOUND", "oclc", never).isEmpty(), never + " from OCLC");
      assertTrue(home.about("O-1", key, never).isEmpty(), never + " told to the home system");
    }
    assertEquals(1, Bridge.messages(tx, "INBOUND", "oclc", "SHIPPED").size());
    assertEquals(1, Bridge.messages(tx, "INBOUND", "oclc", "CHECKED_IN").size());
    assertTrue(home.allSigned(), "every webhook carries a valid HMAC signature");
  }

  @Test
  void aRequestOclcWouldRefuseIsNeverSentAndTheHomeSystemIsTold() throws Exception {
    // seed 002: the title is required and has no default; the item is named by its ISBN only
    String key = requestFromOclc("O-2", "isbn", "9780131103627");

    Await.until("the home system is told that nothing was sent", WAIT, () ->
        home.about("O-2", key, "NOTE").stream().anyMatch(n ->
            "refused-by-dialect".equals(n.path("attributes").path("bridge.notice").asText())));
    JsonNode note = home.about("O-2", key, "NOTE").stream()
        .filter(n -> "refused-by-dialect".equals(n.path("attributes").path("bridge.notice").asText()))
        .findFirst().orElseThrow();
    String text = note.path("note").asText();
    assertTrue(text.contains("the title") && text.contains("Nothing was sent"),
        "the reason in words, naming what is missing: " + text);
    Thread.sleep(1500); // the simulator would have answered within 300 ms
    assertTrue(ofTransaction(oclcTap.received(), key + "-1").isEmpty(), "nothing reached the OCLC-like lender");
    JsonNode tx = bridge.transaction(key);
    assertTrue(Bridge.messages(tx, "INBOUND", "oclc", null).isEmpty(), "and it answered nothing");
    assertFalse("SHIPPED".equals(tx.path("state").asText()));
  }

  @Test
  void almaLikeLenderOverBerHttpWithApduDeliveryInfoThroughToCheckIn() throws Exception {
    String key = bridge.createRequest("H-1", HomeSystem.AGENCY, "An Alma loan over HTTP", "almahttp");
    Await.until("Shipped from the Alma-like lender", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    Await.until("home system told of Shipped", WAIT, () -> !home.about("H-1", key, "SHIPPED").isEmpty());
    assertFalse(home.about("H-1", key, "SHIPPED").get(0).path("dueDate").asText().isEmpty(),
        "the due date of Alma's Shipped reaches the home system");
    borrowAndReturn("H-1", key);
    JsonNode tx = bridge.awaitMessages(key, "OUTBOUND", "almahttp", "RETURNED", 1, WAIT);
    // Alma's own answers (each with APDU-Delivery-Info) came in by BER over HTTP and were taken
    assertEquals(1, Bridge.messages(tx, "INBOUND", "almahttp", "SHIPPED").size());
    assertEquals(1, Bridge.messages(tx, "INBOUND", "almahttp", "CHECKED_IN").size());
    assertTrue(Bridge.messages(tx, "INBOUND", "almahttp", "WILL_SUPPLY").isEmpty());

    BerCodec codec = new BerCodec();
    List<IllApdu> all = new ArrayList<>();
    for (HttpTap.Post p : almaHttpTap.posts()) {
      assertEquals("/view/iso-ill", p.path(), "seed 001: ISO messages go to [Alma domain]/view/iso-ill");
      assertEquals(200, p.status(), "the Alma-like lender took the APDU");
      all.add(codec.decode(p.body()));
    }
    List<IllApdu> got = ofTransaction(all, key + "-1");
    assertEquals(List.of(ApduType.ILL_REQUEST, ApduType.RECEIVED, ApduType.RETURNED), types(got));
    for (IllApdu a : got) {
      ApduDeliveryInfo info = deliveryInfo(a);
      assertNotNull(info, a.type() + " without APDU-Delivery-Info");
      assertEquals(HOME_SYMBOL, aliasSymbol(info.senderInfo()), a.type() + ": sender identity");
      assertEquals("CA-E2E-ALMA", aliasSymbol(info.recipientInfo()), a.type() + ": recipient identity");
    }
    IllRequest request = (IllRequest) got.get(0);
    assertEquals(ALMA_ADDRESS_NAME, IllString.text(request.deliveryAddress().postalAddress().name().value()),
        "seed 001: delivery-address required, from the Alma dialect's configured default");
  }

  @Test
  void almaLikeLenderOverIso18626ToLoanCompleted() throws Exception {
    String key = bridge.createRequest("E-1", HomeSystem.AGENCY, "An Alma loan over ISO 18626", "alma18");
    Await.until("Loaned by the Alma-like 18626 lender", WAIT, () -> "SHIPPED".equals(bridge.state(key)));
    Await.until("home system told of Shipped", WAIT, () -> !home.about("E-1", key, "SHIPPED").isEmpty());
    assertFalse(home.about("E-1", key, "SHIPPED").get(0).path("dueDate").asText().isEmpty(),
        "the due date of the Loaned reaches the home system");
    borrowAndReturn("E-1", key);
    JsonNode tx = bridge.transaction(key);
    for (String type : List.of("REQUEST", "RECEIVED", "RETURNED")) {
      tx = bridge.awaitMessages(key, "OUTBOUND", "alma18", type, 1, WAIT); // sent once
    }
    assertEquals(1, Bridge.messages(tx, "INBOUND", "alma18", "SHIPPED").size());
    assertEquals(1, Bridge.messages(tx, "INBOUND", "alma18", "CHECKED_IN").size());
    assertTrue(Bridge.messages(tx, "INBOUND", "alma18", "WILL_SUPPLY").isEmpty(),
        "Alma's profile answers Loaned without Will-Supply");

    // the lender received a Request, then Received and ShippedReturn, all for this transaction
    List<String> got = new ArrayList<>();
    for (HttpTap.Post p : alma18626Tap.posts()) {
      assertEquals(200, p.status());
      Document d = parse(p.body());
      String requestId = text(d, "requestingAgencyRequestId");
      if ((key + "-1").equals(requestId) || key.equals(requestId)) {
        String root = d.getDocumentElement().getElementsByTagNameNS("*", "*").item(0).getLocalName();
        got.add(root.equals("requestingAgencyMessage") ? root + ":" + text(d, "action") : root);
      }
    }
    assertEquals(List.of("request", "requestingAgencyMessage:Received",
        "requestingAgencyMessage:ShippedReturn"), got);
  }

  private static ApduDeliveryInfo deliveryInfo(IllApdu a) {
    for (Extension e : a.extensions()) {
      if (e.item() instanceof ApduDeliveryInfo info) {
        return info;
      }
    }
    return null;
  }

  private static String aliasSymbol(List<ApduDeliveryParameters> side) {
    return side.isEmpty() || side.get(0).aliases().isEmpty() ? null : symbol(side.get(0).aliases().get(0));
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static String text(Document d, String localName) {
    var nodes = d.getElementsByTagNameNS("*", localName);
    return nodes.getLength() == 0 ? null : ((Element) nodes.item(0)).getTextContent().trim();
  }
}
