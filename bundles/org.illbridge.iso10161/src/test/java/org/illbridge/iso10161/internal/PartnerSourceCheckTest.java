package org.illbridge.iso10161.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.junit.jupiter.api.Test;

/** The directory's allow-lists in front of the engine for APDUs that come over TCP. */
class PartnerSourceCheckTest {

  static final AgencyId RELAIS = AgencyId.parse("OTHER:BVAU");
  static final AgencyId SFU = AgencyId.parse("OTHER:BVAS");
  static final AgencyId HOME = AgencyId.parse("ISIL:CA-HOME");

  final Map<AgencyId, PartnerEntry> entries = new java.util.HashMap<>();
  final List<InboundMessage> reachedEngine = new ArrayList<>();

  final PartnerDirectory directory = new PartnerDirectory() {
    @Override public PartnerEntry save(PartnerEntry e, String actor) { throw new UnsupportedOperationException(); }
    @Override public Optional<PartnerEntry> get(String key) { return Optional.empty(); }
    @Override public Optional<PartnerEntry> findByAgencyId(AgencyId id) { return Optional.ofNullable(entries.get(id)); }
    @Override public List<PartnerEntry> list() { return List.copyOf(entries.values()); }
    @Override public boolean delete(String key, String actor) { return false; }
  };

  final PartnerSourceCheck check = new PartnerSourceCheck(m -> {
    reachedEngine.add(m);
    return new InboundResult.Accepted("T1", false);
  }, directory);

  void partner(AgencyId id, Protocol protocol, boolean enabled, String... sources) {
    entries.put(id, PartnerEntry.of(new Partner(id.value().toLowerCase(), id.value(), List.of(id), protocol,
        null, List.of(), 0, false, false, true, enabled), new InboundAuth(List.of(sources), null, null, null)));
  }

  InboundResult receive(AgencyId sender, AgencyId recipient, String from) throws Exception {
    IllMessage m = IllMessage.builder(MessageType.SHIPPED).requesterTransactionId("R1").sender(sender)
        .recipient(recipient).build();
    return check.handle(new InboundMessage(Protocol.ISO10161, new byte[] {1}, m, InetAddress.getByName(from),
        null, Instant.EPOCH));
  }

  @Test
  void aPartnersAllowListAdmitsItsAddressesOnly() throws Exception {
    partner(RELAIS, Protocol.ISO10161, true, "192.0.2.0/24");
    partner(HOME, Protocol.REST, true);
    assertInstanceOf(InboundResult.Accepted.class, receive(RELAIS, HOME, "192.0.2.10"));
    InboundResult r = receive(RELAIS, HOME, "198.51.100.10");
    InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class, r);
    assertEquals(InboundResult.UNKNOWN_AGENCY, rejected.reason());
    assertTrue(rejected.detail().contains("198.51.100.10") && rejected.detail().contains("bvau"), rejected.detail());
    assertEquals(1, reachedEngine.size(), "the refused APDU is never handed to the engine");
  }

  @Test
  void aPartnerWithoutAnAllowListAcceptsAnyAddressAsBefore() throws Exception {
    partner(RELAIS, Protocol.ISO10161, true);
    assertInstanceOf(InboundResult.Accepted.class, receive(RELAIS, HOME, "198.51.100.10"));
  }

  @Test
  void whenTheOtherNamedPartnerHasNoAllowListTheSenderCannotBeToldApart() throws Exception {
    // a 10161 requester (sfu, no list) bridged to a 10161 lender (relais, list): the header names
    // both, and either could be sending
    partner(RELAIS, Protocol.ISO10161, true, "192.0.2.0/24");
    partner(SFU, Protocol.ISO10161, true);
    assertInstanceOf(InboundResult.Accepted.class, receive(SFU, RELAIS, "198.51.100.10"));
    // both with lists: the address must be in one of them
    partner(SFU, Protocol.ISO10161, true, "203.0.113.0/24");
    assertInstanceOf(InboundResult.Accepted.class, receive(SFU, RELAIS, "203.0.113.9"));
    assertInstanceOf(InboundResult.Accepted.class, receive(SFU, RELAIS, "192.0.2.9"));
    assertInstanceOf(InboundResult.Rejected.class, receive(SFU, RELAIS, "198.51.100.10"));
  }

  @Test
  void unknownAgenciesAndOtherPartnersAreLeftToTheEngine() throws Exception {
    assertInstanceOf(InboundResult.Accepted.class, receive(AgencyId.parse("OTHER:NOBODY"), HOME, "198.51.100.10"));
    partner(RELAIS, Protocol.ISO10161, false, "192.0.2.0/24");  // disabled: the engine treats it as unknown
    assertInstanceOf(InboundResult.Accepted.class, receive(RELAIS, HOME, "198.51.100.10"));
    assertEquals(2, reachedEngine.size());
  }
}
