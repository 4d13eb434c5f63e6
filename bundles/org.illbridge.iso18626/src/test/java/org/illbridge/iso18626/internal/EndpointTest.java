package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso18626.*;
import org.junit.jupiter.api.Test;

class EndpointTest {

  static final String SECRET_HASH = HexFormat.of().formatHex(ConfiguredPartnerAuthenticator.sha256("s3cret"));

  /** An engine stand-in that records what it is handed and answers as told. */
  static final class FakeEngine implements InboundHandler {
    final List<InboundMessage> handled = new ArrayList<>();
    InboundResult answer = new InboundResult.Accepted("T1", false);
    RuntimeException failure;

    @Override
    public InboundResult handle(InboundMessage message) {
      if (failure != null) {
        throw failure;
      }
      handled.add(message);
      return answer;
    }
  }

  final FakeEngine engine = new FakeEngine();
  final Iso18626Codec reader = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());

  Iso18626Endpoint endpoint(PartnerAuthenticator auth) {
    return new Iso18626Endpoint(new Iso18626ProtocolCodec(TestConfigs.config()), engine, auth, 1 << 20,
        Iso18626Version.V2017);
  }

  static InputStream body(Iso18626Message m, Iso18626Version v) throws Exception {
    return new ByteArrayInputStream(new Iso18626Codec(Iso18626Codec.Options.strictDefaults()).write(m, v));
  }

  static Function<String, String> headers(Map<String, String> h) {
    return name -> h.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  ConfirmationHeader header(Iso18626Message conf) {
    if (conf instanceof RequestConfirmation c) {
      return c.confirmationHeader();
    } else if (conf instanceof SupplyingAgencyMessageConfirmation c) {
      return c.confirmationHeader();
    }
    return ((RequestingAgencyMessageConfirmation) conf).confirmationHeader();
  }

  List<ErrorData> errors(Iso18626Message conf) {
    if (conf instanceof RequestConfirmation c) {
      return c.errorData();
    } else if (conf instanceof SupplyingAgencyMessageConfirmation c) {
      return c.errorData();
    }
    return ((RequestingAgencyMessageConfirmation) conf).errorData();
  }

  Iso18626Message confirmation(Iso18626Endpoint.Response r) throws Exception {
    assertEquals(200, r.status());
    return reader.read(r.body()).message();
  }

  @Test
  void acceptedRequestIsConfirmedOkAfterTheEngineStoredIt() throws Exception {
    for (Iso18626Version v : Iso18626Version.values()) {
      Iso18626Endpoint.Response r = endpoint(null).handle(body(Samples21.request(v), v), ip("192.0.2.7"), headers(Map.of()));
      Iso18626Message conf = confirmation(r);
      assertInstanceOf(RequestConfirmation.class, conf);
      assertEquals(MessageStatus.OK, header(conf).messageStatus());
      assertEquals("XYZ123", header(conf).requestingAgencyRequestId());
      assertEquals(Samples21.T0, header(conf).timestampReceived());
      assertEquals(v, reader.read(r.body()).version(), "answered in the sender's revision");
      Iso18626Codec.validate(r.body(), v);
    }
    assertEquals(2, engine.handled.size());
    assertEquals(MessageType.REQUEST, engine.handled.get(0).message().type());
    assertEquals(ip("192.0.2.7"), engine.handled.get(0).remoteAddress());
  }

  @Test
  void malformedBodyGetsBadlyFormedMessage() throws Exception {
    Iso18626Endpoint.Response r = endpoint(null).handle(new ByteArrayInputStream("<oops".getBytes(StandardCharsets.UTF_8)),
        ip("192.0.2.7"), headers(Map.of()));
    Iso18626Message conf = confirmation(r);
    assertEquals(MessageStatus.ERROR, header(conf).messageStatus());
    assertEquals(ErrorType.BADLY_FORMED_MESSAGE, errors(conf).get(0).errorType());
    assertTrue(engine.handled.isEmpty());
  }

  @Test
  void oversizedBodyGetsBadlyFormedMessageWithoutReadingItAll() throws Exception {
    Iso18626Endpoint small = new Iso18626Endpoint(new Iso18626ProtocolCodec(TestConfigs.config()), engine, null, 1000,
        Iso18626Version.V2017);
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return ' ';
      }
    };
    Iso18626Message conf = confirmation(small.handle(endless, ip("192.0.2.7"), headers(Map.of())));
    assertEquals(ErrorType.BADLY_FORMED_MESSAGE, errors(conf).get(0).errorType());
  }

  @Test
  void rejectedActionIsAnsweredWithUnsupportedActionType() throws Exception {
    engine.answer = new InboundResult.Rejected(InboundResult.INVALID_STATE, "Renew not allowed before Loaned");
    Iso18626Version v = Iso18626Version.V2017;
    RequestingAgencyMessage ram = new RequestingAgencyMessage(Samples21.header(v), Action.RENEW, null);
    Iso18626Message conf = confirmation(endpoint(null).handle(body(ram, v), ip("192.0.2.7"), headers(Map.of())));
    assertInstanceOf(RequestingAgencyMessageConfirmation.class, conf);
    assertEquals(Action.RENEW, ((RequestingAgencyMessageConfirmation) conf).action());
    assertEquals(MessageStatus.ERROR, header(conf).messageStatus());
    assertEquals(ErrorType.UNSUPPORTED_ACTION_TYPE, errors(conf).get(0).errorType());
    assertEquals("Renew not allowed before Loaned", errors(conf).get(0).errorValue());
  }

  @Test
  void rejectionReasonsMapToErrorTypes() {
    Iso18626Version v = Iso18626Version.V2017;
    Iso18626Message sam = new SupplyingAgencyMessage(Samples21.header(v),
        new MessageInfo(ReasonForMessage.RENEW_RESPONSE, YesNo.Y, null, null, null),
        new StatusInfo(Status.LOANED, null, null, Samples21.T0), null, null, null, null);
    assertEquals(ErrorType.UNSUPPORTED_REASON_FOR_MESSAGE_TYPE, Iso18626Endpoint.errorTypeFor(InboundResult.INVALID_STATE, sam));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE, Iso18626Endpoint.errorTypeFor(InboundResult.UNKNOWN_AGENCY, sam));
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE,
        Iso18626Endpoint.errorTypeFor(InboundResult.UNKNOWN_TRANSACTION, Samples21.request(v)));
  }

  @Test
  void engineFailureIsNotConfirmed() throws Exception {
    engine.failure = new IllegalStateException("database down");
    Iso18626Version v = Iso18626Version.V2017;
    Iso18626Endpoint.Response r = endpoint(null).handle(body(Samples21.request(v), v), ip("192.0.2.7"), headers(Map.of()));
    assertEquals(503, r.status());
    assertEquals(0, r.body().length);
  }

  @Test
  void confirmationPostedAsRequestIsRefused() throws Exception {
    Iso18626Version v = Iso18626Version.V2017;
    byte[] conf = Confirmations.error(null, ErrorType.BADLY_FORMED_MESSAGE, "x", v);
    Iso18626Message answer = confirmation(endpoint(null).handle(new ByteArrayInputStream(conf), ip("192.0.2.7"), headers(Map.of())));
    assertEquals(ErrorType.UNRECOGNISED_DATA_ELEMENT, errors(answer).get(0).errorType());
    assertTrue(engine.handled.isEmpty());
  }

  @Test
  void unknownSenderIsRefusedAndNeverReachesTheEngine() throws Exception {
    PartnerAuthenticator auth = ConfiguredPartnerAuthenticator.parse(new String[] {"ISIL:XX-OTHER|addresses=10.0.0.0/8"});
    Iso18626Version v = Iso18626Version.V2021;
    Iso18626Message conf = confirmation(endpoint(auth).handle(body(Samples21.request(v), v), ip("10.1.2.3"), headers(Map.of())));
    assertEquals(MessageStatus.ERROR, header(conf).messageStatus());
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE, errors(conf).get(0).errorType());
    assertTrue(errors(conf).get(0).errorValue().contains("ISIL:CA-AEU"));
    assertTrue(engine.handled.isEmpty());
  }

  @Test
  void allowListBasicAndSharedSecretAreAllChecked() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString("ill:pw".getBytes(StandardCharsets.UTF_8));
    String pwHash = HexFormat.of().formatHex(ConfiguredPartnerAuthenticator.sha256("pw"));
    PartnerAuthenticator auth = ConfiguredPartnerAuthenticator.parse(new String[] {
        "ISIL:CA-AEU,OCLC:AEU|key=ualberta|addresses=192.0.2.0/24,2001:db8::1|basic=ill:" + pwHash
            + "|secret=X-ILL-Secret:" + SECRET_HASH});
    Iso18626Version v = Iso18626Version.V2017;
    Map<String, String> good = Map.of("Authorization", basic, "X-ILL-Secret", "s3cret");
    assertEquals(MessageStatus.OK, header(confirmation(endpoint(auth).handle(body(Samples21.request(v), v), ip("192.0.2.99"), headers(good)))).messageStatus());
    assertEquals("ualberta", engine.handled.get(0).authenticatedPartnerKey());
    // wrong network
    assertEquals(MessageStatus.ERROR, header(confirmation(endpoint(auth).handle(body(Samples21.request(v), v), ip("198.51.100.1"), headers(good)))).messageStatus());
    // wrong password
    Map<String, String> badPw = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("ill:nope".getBytes(StandardCharsets.UTF_8)), "X-ILL-Secret", "s3cret");
    assertEquals(MessageStatus.ERROR, header(confirmation(endpoint(auth).handle(body(Samples21.request(v), v), ip("192.0.2.99"), headers(badPw)))).messageStatus());
    // missing secret
    assertEquals(MessageStatus.ERROR, header(confirmation(endpoint(auth).handle(body(Samples21.request(v), v), ip("192.0.2.99"), headers(Map.of("Authorization", basic))))).messageStatus());
    assertEquals(1, engine.handled.size());
  }

  @Test
  void strictPartnerGetsItsDeviationsRefused() throws Exception {
    PartnerAuthenticator auth = ConfiguredPartnerAuthenticator.parse(new String[] {"ISIL:CA-AEU|addresses=127.0.0.1|strict=true"});
    Iso18626Version v = Iso18626Version.V2017;
    String xml = new String(new Iso18626Codec(Iso18626Codec.Options.strictDefaults()).write(
        new RequestingAgencyMessage(Samples21.header(v), Action.CANCEL, null), v), StandardCharsets.UTF_8)
        .replace(">Cancel<", ">cancel<");
    Iso18626Message conf = confirmation(endpoint(auth).handle(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        ip("127.0.0.1"), headers(Map.of())));
    assertEquals(ErrorType.UNSUPPORTED_ACTION_TYPE, errors(conf).get(0).errorType());
    // the same partner, lenient: accepted with a warning for the engine
    PartnerAuthenticator lenient = ConfiguredPartnerAuthenticator.parse(new String[] {"ISIL:CA-AEU|addresses=127.0.0.1"});
    Iso18626Message ok = confirmation(endpoint(lenient).handle(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        ip("127.0.0.1"), headers(Map.of())));
    assertEquals(MessageStatus.OK, header(ok).messageStatus());
    assertFalse(engine.handled.get(0).message().warnings().isEmpty());
  }

  @Test
  void badPartnerConfigurationIsRejectedWithTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfiguredPartnerAuthenticator.parse(new String[] {"ISIL:CA-AEU|colour=blue"}));
    assertTrue(e.getMessage().contains("colour"));
    assertThrows(IllegalArgumentException.class, () -> ConfiguredPartnerAuthenticator.parse(new String[] {"ISIL:CA-AEU"}));
    assertThrows(IllegalArgumentException.class,
        () -> ConfiguredPartnerAuthenticator.parse(new String[] {"ISIL:CA-AEU|addresses=example.org"}));
  }
}
