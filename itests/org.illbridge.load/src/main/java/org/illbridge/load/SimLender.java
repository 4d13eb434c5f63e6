package org.illbridge.load;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.simulator.internal.Behaviour;
import org.illbridge.simulator.internal.Iso10161Lender;
import org.illbridge.simulator.internal.Iso18626Supplier;
import org.illbridge.simulator.internal.PartnerKind;
import org.illbridge.simulator.internal.PartnerSettings;
import org.illbridge.simulator.internal.SimulatedPartner;

/**
 * One simulated lender of {@code org.illbridge.simulator}, run in the load generator's JVM, with
 * a tap on each side: {@code bridge → tap → lender} records {@code key|TYPE|lender} when the
 * lender receives a message; {@code lender → tap → bridge} records {@code key|TYPE|answer} when
 * the lender sends one. Its directory entry is written to the server's {@code conf/}.
 */
final class SimLender implements AutoCloseable {
  static final String RECEIVED = "lender";
  static final String ANSWERED = "answer";

  final String key;
  final AgencyId agency;
  final PartnerKind kind;
  private final SimulatedPartner partner;
  private final AutoCloseable toLender;
  private final AutoCloseable fromLender;

  private SimLender(String key, AgencyId agency, PartnerKind kind, SimulatedPartner partner,
      AutoCloseable toLender, AutoCloseable fromLender) {
    this.key = key;
    this.agency = agency;
    this.kind = kind;
    this.partner = partner;
    this.toLender = toLender;
    this.fromLender = fromLender;
  }

  /** A generic ISO 18626 supplier; its directory entry accepts its answers from loopback (allowedAddresses). */
  static SimLender iso18626(String key, AgencyId agency, Server server, Events events,
      Behaviour behaviour) throws IOException {
    HttpTap up = new HttpTap(key + "-up", "http://127.0.0.1:" + server.httpPort, (body, t) -> {
      Wire.Seen s = Wire.iso18626(body);
      events.record(s.key(), s.type(), ANSWERED, t);
    }, 4).start();
    Iso18626Supplier supplier = new Iso18626Supplier(new PartnerSettings(agency, PartnerKind.ISO18626,
        "127.0.0.1", 0, "/iso18626", URI.create(up.url("/iso18626")), List.of(), behaviour, null));
    supplier.start();
    HttpTap down = new HttpTap(key + "-down", "http://127.0.0.1:" + supplier.port(), (body, t) -> {
      Wire.Seen s = Wire.iso18626(body);
      events.record(s.key(), s.type(), RECEIVED, t);
    }, 8).start();
    server.conf("org.illbridge.partner-" + key + ".cfg", "key=" + key + "\nname=Load " + key
        + "\nids=" + agency + "\nprotocol=ISO18626\ndialect=standard\nendpoints="
        + down.url("/iso18626") + "\nallowedAddresses=127.0.0.1/32\ndaysToRespond=7\nnotesAllowed=false\n");
    return new SimLender(key, agency, PartnerKind.ISO18626, supplier, down, up);
  }

  /**
   * An ISO 10161 lender over TCP.
   *
   * @param received what to do with each APDU the lender receives (default: record it by its
   *     transaction id when null)
   */
  static SimLender iso10161(String key, AgencyId agency, PartnerKind kind, String dialect,
      Server server, Events events, Behaviour behaviour, TcpTap.Listener received)
      throws IOException {
    BerCodec codec = new BerCodec();
    TcpTap up = new TcpTap(key + "-up", server.tcpPort, (apdu, t) -> {
      Wire.Seen s = Wire.iso10161(codec, apdu);
      events.record(s.key(), s.type(), ANSWERED, t);
    }).start();
    // replyWait 0: do not wait for the bridge's immediate answer (it sends one only on refusal)
    Iso10161Lender lender = new Iso10161Lender(new PartnerSettings(agency, kind, "127.0.0.1", 0,
        null, URI.create("tcp://127.0.0.1:" + up.port()), List.of(), behaviour,
        new PartnerSettings.Timeouts(5000, 0, 30_000, 10_000)));
    lender.start();
    BerCodec downCodec = new BerCodec();
    TcpTap down = new TcpTap(key + "-down", lender.port(), received != null ? received : (apdu, t) -> {
      Wire.Seen s = Wire.iso10161(downCodec, apdu);
      events.record(s.key(), s.type(), RECEIVED, t);
    }).start();
    server.conf("org.illbridge.partner-" + key + ".cfg", "key=" + key + "\nname=Load " + key
        + "\nids=" + agency + "\nprotocol=ISO10161\ndialect=" + dialect + "\nendpoints=tcp://127.0.0.1:"
        + down.port() + "\nallowedAddresses=127.0.0.1/32\ndaysToRespond=7\nnotesAllowed=false\n");
    return new SimLender(key, agency, kind, lender, down, up);
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {toLender, partner, fromLender}) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }
}
