package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.iso18626.Action;
import org.illbridge.iso18626.ErrorData;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.MessageStatus;
import org.illbridge.iso18626.PartnerAuthenticator;
import org.illbridge.iso18626.RequestConfirmation;
import org.illbridge.iso18626.RequestingAgencyMessage;
import org.illbridge.iso18626.RequestingAgencyMessageConfirmation;
import org.junit.jupiter.api.Test;

/**
 * The endpoint authenticating senders from the partner directory ({@link
 * DirectoryPartnerAuthenticator}): each kind of inbound authentication (allow-list, HTTP Basic,
 * shared secret) accepted and refused, unknown agencies, partners without checks, the deprecated
 * {@code partners=} fallback. The sample Request comes from ISIL:CA-AEU.
 */
class DirectoryAuthenticationTest {

  static final AgencyId SENDER = AgencyId.parse("ISIL:CA-AEU");
  static final Iso18626Version V = Iso18626Version.V2017;

  /** The directory as the store SPI promises it: lookup by any agency id. */
  static final class Directory implements PartnerDirectory {
    final Map<String, PartnerEntry> entries = new HashMap<>();

    @Override
    public PartnerEntry save(PartnerEntry entry, String actor) {
      entries.put(entry.key(), entry);
      return entry;
    }

    @Override
    public Optional<PartnerEntry> get(String partnerKey) {
      return Optional.ofNullable(entries.get(partnerKey));
    }

    @Override
    public Optional<PartnerEntry> findByAgencyId(AgencyId id) {
      return entries.values().stream().filter(e -> e.partner().ids().contains(id)).findFirst();
    }

    @Override
    public List<PartnerEntry> list() {
      return new ArrayList<>(entries.values());
    }

    @Override
    public boolean delete(String partnerKey, String actor) {
      return entries.remove(partnerKey) != null;
    }
  }

  final Directory directory = new Directory();
  final EndpointTest.FakeEngine engine = new EndpointTest.FakeEngine();
  final Iso18626Codec reader = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());

  static Partner partner(boolean enabled, boolean strict) {
    return new Partner("ualberta", "University of Alberta", List.of(SENDER, AgencyId.parse("OCLC:AEU")),
        Protocol.ISO18626, null, List.of(), 0, false, strict, true, enabled);
  }

  void register(InboundAuth auth) {
    directory.save(PartnerEntry.of(partner(true, false), auth), "test");
  }

  static String sha256Hex(String s) {
    return HexFormat.of().formatHex(InboundCredentials.sha256(s));
  }

  /** The console's form (PasswordHash), made here with the JDK as any tool would. */
  static String pbkdf2(String secret, int iterations) throws Exception {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, iterations, 256)).getEncoded();
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Iso18626Endpoint endpoint(boolean acceptWithoutChecks, boolean review, String... legacyLines) {
    ConfiguredPartnerAuthenticator legacy =
        legacyLines.length == 0 ? null : ConfiguredPartnerAuthenticator.parse(legacyLines);
    PartnerAuthenticator auth = new DirectoryPartnerAuthenticator(directory,
        new DirectoryPartnerAuthenticator.Settings(null, acceptWithoutChecks, review), legacy);
    return new Iso18626Endpoint(new Iso18626ProtocolCodec(TestConfigs.config()), engine, auth, 1 << 20, V);
  }

  Iso18626Endpoint endpoint() {
    return endpoint(false, true);
  }

  static InputStream request() throws Exception {
    return EndpointTest.body(Samples21.request(V), V);
  }

  /** A Cancel, which names the requester (CA-AEU) as its sender. */
  static InputStream cancel() throws Exception {
    return EndpointTest.body(new RequestingAgencyMessage(Samples21.header(V), Action.CANCEL, null), V);
  }

  Iso18626Message post(Iso18626Endpoint e, InputStream body, String from, Map<String, String> headers)
      throws Exception {
    Iso18626Endpoint.Response r = e.handle(body, InetAddress.getByName(from), EndpointTest.headers(headers));
    assertEquals(200, r.status());
    return reader.read(r.body()).message();
  }

  static MessageStatus status(Iso18626Message conf) {
    if (conf instanceof RequestConfirmation c) {
      return c.confirmationHeader().messageStatus();
    }
    return ((RequestingAgencyMessageConfirmation) conf).confirmationHeader().messageStatus();
  }

  static ErrorData error(Iso18626Message conf) {
    List<ErrorData> errors = conf instanceof RequestConfirmation c ? c.errorData()
        : ((RequestingAgencyMessageConfirmation) conf).errorData();
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  void assertRefused(Iso18626Message conf, String because) {
    assertEquals(MessageStatus.ERROR, status(conf));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE, error(conf).errorType());
    assertTrue(error(conf).errorValue().contains(because), error(conf).errorValue());
  }

  // --- allow-list ------------------------------------------------------------------------------

  @Test
  void anAllowedAddressIsAcceptedAndTheEngineLearnsTheDirectoryKey() throws Exception {
    register(new InboundAuth(List.of("192.0.2.0/24", "2001:db8::1"), null, null, null));
    assertEquals(MessageStatus.OK, status(post(endpoint(), request(), "192.0.2.77", Map.of())));
    assertEquals(MessageStatus.OK, status(post(endpoint(), request(), "2001:db8::1", Map.of())));
    assertEquals(2, engine.handled.size());
    assertEquals("ualberta", engine.handled.get(0).authenticatedPartnerKey());
  }

  @Test
  void anAddressOutsideTheAllowListIsRefusedAndNeverReachesTheEngine() throws Exception {
    register(new InboundAuth(List.of("192.0.2.0/24"), null, null, null));
    assertRefused(post(endpoint(), request(), "198.51.100.1", Map.of()), "198.51.100.1 is not allowed");
    assertRefused(post(endpoint(), request(), "2001:db8::2", Map.of()), "is not allowed");
    assertTrue(engine.handled.isEmpty());
  }

  // --- HTTP Basic ------------------------------------------------------------------------------

  @Test
  void basicWithTheRightPasswordIsAcceptedForBothHashForms() throws Exception {
    register(new InboundAuth(List.of(), "ill", sha256Hex("pw"), null));
    assertEquals(MessageStatus.OK, status(post(endpoint(), request(), "203.0.113.5",
        Map.of("Authorization", basic("ill", "pw")))));
    register(new InboundAuth(List.of(), "ill", pbkdf2("pw", 1000), null));
    Iso18626Endpoint e = endpoint();
    assertEquals(MessageStatus.OK, status(post(e, request(), "203.0.113.5", Map.of("Authorization", basic("ill", "pw")))));
    // again: answered from the verdict cache, still right
    assertEquals(MessageStatus.OK, status(post(e, request(), "203.0.113.5", Map.of("Authorization", basic("ill", "pw")))));
    assertEquals(3, engine.handled.size());
  }

  @Test
  void basicWithAWrongPasswordOrUserOrNoneIsRefused() throws Exception {
    register(new InboundAuth(List.of(), "ill", pbkdf2("pw", 1000), null));
    Iso18626Endpoint e = endpoint();
    assertRefused(post(e, request(), "203.0.113.5", Map.of("Authorization", basic("ill", "wrong"))), "HTTP Basic");
    assertRefused(post(e, request(), "203.0.113.5", Map.of("Authorization", basic("other", "pw"))), "HTTP Basic");
    assertRefused(post(e, request(), "203.0.113.5", Map.of()), "HTTP Basic");
    assertRefused(post(e, request(), "203.0.113.5", Map.of("Authorization", "Basic %%%")), "HTTP Basic");
    // after a refusal the right password still works (a wrong verdict is not reused for it)
    assertEquals(MessageStatus.OK, status(post(e, request(), "203.0.113.5", Map.of("Authorization", basic("ill", "pw")))));
    assertEquals(1, engine.handled.size());
  }

  // --- shared secret ---------------------------------------------------------------------------

  @Test
  void theSharedSecretHeaderIsChecked() throws Exception {
    register(new InboundAuth(List.of(), null, null, sha256Hex("s3cret")));
    assertEquals(MessageStatus.OK, status(post(endpoint(), request(), "203.0.113.5", Map.of("X-ILL-Secret", "s3cret"))));
    assertRefused(post(endpoint(), request(), "203.0.113.5", Map.of("X-ILL-Secret", "S3cret")), "shared secret");
    assertRefused(post(endpoint(), request(), "203.0.113.5", Map.of()), "shared secret");
    assertEquals(1, engine.handled.size());
  }

  @Test
  void everyCheckGivenMustPass() throws Exception {
    register(new InboundAuth(List.of("192.0.2.0/24"), "ill", sha256Hex("pw"), sha256Hex("s3cret")));
    Map<String, String> good = Map.of("Authorization", basic("ill", "pw"), "X-ILL-Secret", "s3cret");
    assertEquals(MessageStatus.OK, status(post(endpoint(), request(), "192.0.2.1", good)));
    assertRefused(post(endpoint(), request(), "198.51.100.1", good), "not allowed");
    assertRefused(post(endpoint(), request(), "192.0.2.1", Map.of("Authorization", basic("ill", "pw"))), "shared secret");
    assertRefused(post(endpoint(), request(), "192.0.2.1", Map.of("X-ILL-Secret", "s3cret")), "HTTP Basic");
    assertEquals(1, engine.handled.size());
  }

  // --- unknown agencies, unusable entries --------------------------------------------------------

  @Test
  void aRequestFromAnUnknownAgencyGoesToTheEngineForReviewWithoutAPartner() throws Exception {
    assertEquals(MessageStatus.OK, status(post(endpoint(), request(), "203.0.113.5", Map.of())));
    assertEquals(1, engine.handled.size());
    assertNull(engine.handled.get(0).authenticatedPartnerKey(), "the engine decides: review queue");
  }

  @Test
  void anyOtherMessageFromAnUnknownAgencyIsRefused() throws Exception {
    assertRefused(post(endpoint(), cancel(), "203.0.113.5", Map.of()), "not a partner of this bridge");
    assertTrue(engine.handled.isEmpty());
  }

  @Test
  void withoutReviewAnUnknownAgencysRequestIsRefusedToo() throws Exception {
    assertRefused(post(endpoint(false, false), request(), "203.0.113.5", Map.of()), "not a partner of this bridge");
    assertTrue(engine.handled.isEmpty());
  }

  @Test
  void aPartnerWithoutAnyCheckIsRefusedUnlessTheNetworkIsDeclaredClosed() throws Exception {
    register(InboundAuth.NONE);
    assertRefused(post(endpoint(), request(), "192.0.2.1", Map.of()), "no inbound authentication configured");
    assertTrue(engine.handled.isEmpty());
    assertEquals(MessageStatus.OK, status(post(endpoint(true, true), request(), "192.0.2.1", Map.of())));
    assertEquals("ualberta", engine.handled.get(0).authenticatedPartnerKey());
  }

  @Test
  void aDisabledPartnerIsRefused() throws Exception {
    directory.save(PartnerEntry.of(partner(false, false), new InboundAuth(List.of("192.0.2.0/24"), null, null, null)), "t");
    assertRefused(post(endpoint(), request(), "192.0.2.1", Map.of()), "is disabled");
    assertTrue(engine.handled.isEmpty());
  }

  @Test
  void theDirectoryDecidesStrictParsing() throws Exception {
    directory.save(PartnerEntry.of(partner(true, true), new InboundAuth(List.of("192.0.2.0/24"), null, null, null)), "t");
    String xml = new String(new Iso18626Codec(Iso18626Codec.Options.strictDefaults()).write(
        new RequestingAgencyMessage(Samples21.header(V), Action.CANCEL, null), V), StandardCharsets.UTF_8)
        .replace(">Cancel<", ">cancel<");
    Iso18626Message conf = post(endpoint(), new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        "192.0.2.1", Map.of());
    assertEquals(MessageStatus.ERROR, status(conf));
    assertEquals(ErrorType.UNSUPPORTED_ACTION_TYPE, error(conf).errorType());
  }

  // --- deprecated partners= lines ----------------------------------------------------------------

  @Test
  void oldPartnersLinesStillAuthenticateWhatTheDirectoryCannot() throws Exception {
    String line = "ISIL:CA-AEU|key=ualberta|addresses=127.0.0.1/32";
    // not in the directory at all: the line decides
    assertEquals(MessageStatus.OK, status(post(endpoint(false, true, line), request(), "127.0.0.1", Map.of())));
    assertRefused(post(endpoint(false, true, line), request(), "192.0.2.1", Map.of()), "not allowed");
    // in the directory without a check: the line decides, the directory's partner is used
    register(InboundAuth.NONE);
    assertEquals(MessageStatus.OK, status(post(endpoint(false, true, line), request(), "127.0.0.1", Map.of())));
    assertRefused(post(endpoint(false, true, line), request(), "192.0.2.1", Map.of()), "not allowed");
    // with checks in the directory: the directory wins over the line
    register(new InboundAuth(List.of("192.0.2.0/24"), null, null, null));
    assertEquals(MessageStatus.OK, status(post(endpoint(false, true, line), request(), "192.0.2.1", Map.of())));
    assertRefused(post(endpoint(false, true, line), request(), "127.0.0.1", Map.of()), "not allowed");
    assertEquals(3, engine.handled.size());
    assertTrue(engine.handled.stream().allMatch(m -> "ualberta".equals(m.authenticatedPartnerKey())));
  }

  // --- wiring ------------------------------------------------------------------------------------

  @Test
  void aPartnerAuthenticatorServiceWinsOverTheDirectory() {
    PartnerAuthenticator service = (sender, remote, header) -> PartnerAuthenticator.Outcome.refuse("service");
    assertSame(service, Iso18626Servlet.authenticator(config(new String[0]), directory, service));
    PartnerAuthenticator fromDirectory = Iso18626Servlet.authenticator(config(new String[0]), directory, null);
    assertTrue(fromDirectory instanceof DirectoryPartnerAuthenticator);
  }

  static CodecConfig config(String[] partners) {
    CodecConfig base = TestConfigs.config();
    return new CodecConfig() {
      @Override public Class<? extends Annotation> annotationType() { return CodecConfig.class; }
      @Override public boolean strictWhenUnknown() { return base.strictWhenUnknown(); }
      @Override public boolean validate() { return base.validate(); }
      @Override public boolean validateOutbound() { return base.validateOutbound(); }
      @Override public int maxBytes() { return base.maxBytes(); }
      @Override public int maxDepth() { return base.maxDepth(); }
      @Override public String outboundVersion() { return base.outboundVersion(); }
      @Override public int connectTimeoutSeconds() { return base.connectTimeoutSeconds(); }
      @Override public int requestTimeoutSeconds() { return base.requestTimeoutSeconds(); }
      @Override public boolean acceptUnauthenticated() { return false; }
      @Override public String[] partners() { return partners; }
      @Override public String sharedSecretHeader() { return "X-Custom-Secret"; }
      @Override public boolean reviewUnknownRequesters() { return true; }
    };
  }

  @Test
  void theSecretHeaderNameIsConfigurable() throws Exception {
    register(new InboundAuth(List.of(), null, null, sha256Hex("s3cret")));
    PartnerAuthenticator auth = Iso18626Servlet.authenticator(config(new String[0]), directory, null);
    Function<String, String> custom = EndpointTest.headers(Map.of("X-Custom-Secret", "s3cret"));
    Function<String, String> usual = EndpointTest.headers(Map.of("X-ILL-Secret", "s3cret"));
    assertTrue(auth.authenticate(SENDER, InetAddress.getLoopbackAddress(), custom).accepted());
    assertFalse(auth.authenticate(SENDER, InetAddress.getLoopbackAddress(), usual).accepted());
  }
}
