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
import org.illbridge.simulator.internal.WireObserver;

/**
 * One simulated lender of {@code org.illbridge.simulator}, run in the load generator's JVM and
 * talking to the bridge directly. The simulator's {@link WireObserver} hook timestamps its wire
 * traffic: {@code key|TYPE|lender} when a whole message from the bridge has been read (before the
 * simulator handles it), {@code key|TYPE|answer} right before it sends one to the bridge. (Until
 * 2026-11-23 a loopback relay, a "tap", stood on each side of every lender for this: a second
 * HTTP or TCP hop per message, which cost the generator about as much CPU as the lenders
 * themselves.) Its directory entry is written to the server's {@code conf/}.
 */
final class SimLender implements AutoCloseable {
  static final String RECEIVED = "lender";
  static final String ANSWERED = "answer";

  /** Called with each whole message the lender receives from the bridge, and when. */
  interface Arrivals {
    void onMessage(byte[] raw, long nanos);
  }

  final String key;
  final AgencyId agency;
  final PartnerKind kind;
  private final SimulatedPartner partner;

  private SimLender(String key, AgencyId agency, PartnerKind kind, SimulatedPartner partner) {
    this.key = key;
    this.agency = agency;
    this.kind = kind;
    this.partner = partner;
  }

  /** A generic ISO 18626 supplier; its directory entry accepts its answers from loopback (allowedAddresses). */
  static SimLender iso18626(String key, AgencyId agency, Server server, Events events,
      Behaviour behaviour) throws IOException {
    Iso18626Supplier supplier = new Iso18626Supplier(new PartnerSettings(agency, PartnerKind.ISO18626,
        "127.0.0.1", 0, "/iso18626", URI.create("http://127.0.0.1:" + server.httpPort + "/iso18626"),
        List.of(), behaviour, null));
    supplier.observe(observer(events, Wire::iso18626, null));
    supplier.start();
    server.conf("org.illbridge.partner-" + key + ".cfg", "key=" + key + "\nname=Load " + key
        + "\nids=" + agency + "\nprotocol=ISO18626\ndialect=standard\nendpoints=http://127.0.0.1:"
        + supplier.port() + "/iso18626\nallowedAddresses=127.0.0.1/32\ndaysToRespond=7\nnotesAllowed=false\n");
    return new SimLender(key, agency, PartnerKind.ISO18626, supplier);
  }

  /**
   * An ISO 10161 lender over TCP.
   *
   * @param received what to do with each APDU the lender receives (default: record it by its
   *     transaction id when null)
   */
  static SimLender iso10161(String key, AgencyId agency, PartnerKind kind, String dialect,
      Server server, Events events, Behaviour behaviour, Arrivals received) throws IOException {
    // replyWait 0: do not wait for the bridge's immediate answer (it sends one only on refusal)
    Iso10161Lender lender = new Iso10161Lender(new PartnerSettings(agency, kind, "127.0.0.1", 0,
        null, URI.create("tcp://127.0.0.1:" + server.tcpPort), List.of(), behaviour,
        new PartnerSettings.Timeouts(5000, 0, 30_000, 10_000)));
    BerCodec codec = new BerCodec(); // thread-safe: decodes only
    lender.observe(observer(events, apdu -> Wire.iso10161(codec, apdu), received));
    lender.start();
    server.conf("org.illbridge.partner-" + key + ".cfg", "key=" + key + "\nname=Load " + key
        + "\nids=" + agency + "\nprotocol=ISO10161\ndialect=" + dialect + "\nendpoints=tcp://127.0.0.1:"
        + lender.port() + "\nallowedAddresses=127.0.0.1/32\ndaysToRespond=7\nnotesAllowed=false\n");
    return new SimLender(key, agency, kind, lender);
  }

  private interface Namer {
    Wire.Seen name(byte[] raw);
  }

  private static WireObserver observer(Events events, Namer namer, Arrivals received) {
    return new WireObserver() {
      @Override
      public void fromBridge(byte[] message, long nanos) {
        if (received != null) {
          received.onMessage(message, nanos);
        } else {
          Wire.Seen s = namer.name(message);
          events.record(s.key(), s.type(), RECEIVED, nanos);
        }
      }

      @Override
      public void toBridge(byte[] message, long nanos) {
        Wire.Seen s = namer.name(message);
        events.record(s.key(), s.type(), ANSWERED, nanos);
      }
    };
  }

  @Override
  public void close() {
    partner.close();
  }
}
