package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.*;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
  private final List<InboundMessage> got = new CopyOnWriteArrayList<>();
  private volatile InboundResult verdict = new InboundResult.Accepted("k", false);
  private final HttpEndpoint endpoint = new HttpEndpoint(m -> {
    if (verdict == null) {
      throw new IllegalStateException("db down");
    }
    got.add(m);
    return verdict;
  }, 1 << 20, Set.of("127.0.0.1"), false);
  private final InetAddress local = InetAddress.getLoopbackAddress();

  private HttpEndpoint.Response post(byte[] body, InetAddress from) throws IOException {
    return endpoint.handle(new ByteArrayInputStream(body), from);
  }

  @Test
  void acceptedApduIsStoredAndAnsweredWithAnEmptyOk() throws Exception {
    HttpEndpoint.Response r = post(NeutralMapperTest.golden("yaz-shipped.ber"), local);
    assertEquals(200, r.status());
    assertEquals(0, r.body().length);
    assertEquals(MessageType.SHIPPED, got.get(0).message().type());
  }

  @Test
  void refusalsAndErrors() throws Exception {
    verdict = new InboundResult.Rejected(InboundResult.INVALID_STATE, "not shipped yet");
    HttpEndpoint.Response r = post(NeutralMapperTest.golden("yaz-received.ber"), local);
    assertEquals(200, r.status());
    StatusOrErrorReport soer = (StatusOrErrorReport) new BerCodec().decode(r.body());
    assertEquals(new ProviderErrorReport.StateTransitionProhibited(ApduType.RECEIVED,
        CurrentState.UNKNOWN), soer.errorReport().providerErrorReport());

    HttpEndpoint.Response bad = post("<xml/>".getBytes(), local);
    assertEquals(400, bad.status());
    assertInstanceOf(StatusOrErrorReport.class, new BerCodec().decode(bad.body()));

    assertEquals(403, post(NeutralMapperTest.golden("yaz-shipped.ber"),
        InetAddress.getByName("192.0.2.7")).status());

    HttpEndpoint small = new HttpEndpoint(m -> verdict, 100, Set.of(), true);
    assertEquals(413, small.handle(new ByteArrayInputStream(new byte[5000]), local).status());

    verdict = null;
    assertEquals(503, post(NeutralMapperTest.golden("yaz-shipped.ber"), local).status());
  }

  @Test
  void outboundTransportPostsToAnHttpEndpoint() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/view/iso-ill", ex -> {
      HttpEndpoint.Response r = endpoint.handle(ex.getRequestBody(),
          ex.getRemoteAddress().getAddress());
      ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        ex.getResponseBody().write(r.body());
      }
      ex.close();
    });
    server.start();
    try {
      HttpBerTransport t = new HttpBerTransport(Duration.ofSeconds(5), 1 << 20);
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/view/iso-ill");
      assertEquals(0, t.send(uri, NeutralMapperTest.golden("yaz-shipped.ber")).length);
      assertEquals(1, got.size());
      verdict = new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION, "?");
      assertEquals(ApduType.STATUS_OR_ERROR_REPORT, new BerCodec().decode(
          t.send(uri, NeutralMapperTest.golden("yaz-shipped.ber"))).type());
      verdict = null;
      assertThrows(IOException.class,
          () -> t.send(uri, NeutralMapperTest.golden("yaz-shipped.ber")), "503 is retried");
    } finally {
      server.stop(0);
    }
  }

  /** A directory holding one partner, found by the value of any of its ids (as the store does). */
  static PartnerDirectory directoryWith(PartnerEntry entry) {
    return new PartnerDirectory() {
      @Override public PartnerEntry save(PartnerEntry e, String actor) { throw new UnsupportedOperationException(); }
      @Override public Optional<PartnerEntry> get(String key) {
        return entry.key().equals(key) ? Optional.of(entry) : Optional.empty();
      }
      @Override public Optional<PartnerEntry> findByAgencyId(AgencyId id) {
        return entry.partner().ids().stream().anyMatch(i -> i.value().equals(id.value()))
            ? Optional.of(entry) : Optional.empty();
      }
      @Override public List<PartnerEntry> list() { return List.of(entry); }
      @Override public boolean delete(String key, String actor) { return false; }
    };
  }

  static PartnerEntry partner(String agency, Protocol protocol, boolean enabled, String... sources) {
    return PartnerEntry.of(new Partner("p", "P", List.of(new AgencyId(AgencyIdScheme.OTHER, agency)), protocol,
        null, List.of(), 0, false, false, true, enabled), new InboundAuth(List.of(sources), null, null, null));
  }

  HttpEndpoint withDirectory(PartnerEntry entry) {
    return new HttpEndpoint(m -> {
      got.add(m);
      return verdict;
    }, 1 << 20, Set.of(), false, directoryWith(entry));
  }

  @Test
  void aPartnersAllowedAddressesFromTheDirectoryAdmitItsPosts() throws Exception {
    // yaz-shipped.ber names BVAS (requester) and OZZ (responder)
    HttpEndpoint e = withDirectory(partner("OZZ", Protocol.ISO10161, true, "192.0.2.0/24"));
    byte[] shipped = NeutralMapperTest.golden("yaz-shipped.ber");
    assertEquals(200, e.handle(new ByteArrayInputStream(shipped), InetAddress.getByName("192.0.2.9")).status());
    assertEquals(1, got.size());
    assertEquals(403, e.handle(new ByteArrayInputStream(shipped), InetAddress.getByName("198.51.100.9")).status(),
        "an address outside the partner's list");
    assertEquals(403, e.handle(new ByteArrayInputStream("<xml/>".getBytes()), InetAddress.getByName("198.51.100.9"))
        .status(), "a stranger learns nothing from a decoding error");
    assertEquals(400, e.handle(new ByteArrayInputStream("<xml/>".getBytes()), InetAddress.getByName("192.0.2.9"))
        .status(), "but an undecodable post from an allowed address is still no partner's APDU: 400");
    assertEquals(1, got.size());
  }

  @Test
  void aDisabledOrNon10161PartnerOrOneWithoutAddressesAdmitsNothing() throws Exception {
    byte[] shipped = NeutralMapperTest.golden("yaz-shipped.ber");
    InetAddress from = InetAddress.getByName("192.0.2.9");
    assertEquals(403, withDirectory(partner("OZZ", Protocol.ISO10161, false, "192.0.2.0/24"))
        .handle(new ByteArrayInputStream(shipped), from).status());
    assertEquals(403, withDirectory(partner("OZZ", Protocol.ISO18626, true, "192.0.2.0/24"))
        .handle(new ByteArrayInputStream(shipped), from).status());
    assertEquals(403, withDirectory(partner("OZZ", Protocol.ISO10161, true))
        .handle(new ByteArrayInputStream(shipped), from).status());
    assertEquals(403, withDirectory(partner("ELSEWHERE", Protocol.ISO10161, true, "192.0.2.0/24"))
        .handle(new ByteArrayInputStream(shipped), from).status(), "the APDU names another partner");
    assertTrue(got.isEmpty());
  }
}
