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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.illbridge.api.model.MessageType;
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
}
