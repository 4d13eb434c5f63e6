package org.illbridge.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerDirectoryTest {
  @TempDir Path tmp;
  DerbyDatabase db;
  JdbcPartnerDirectory directory;
  JdbcTransactionStore store;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

  @BeforeEach
  void open() {
    db = DerbyDatabase.open(tmp.resolve("db"));
    directory = new JdbcPartnerDirectory(db.dataSource(), clock);
    store = new JdbcTransactionStore(db.dataSource(), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Partner ubc(List<Endpoint> endpoints) {
    return new Partner("ubc", "University of British Columbia",
        List.of(AgencyId.parse("NUC:BVAU"), AgencyId.parse("NUC:BKU"), AgencyId.parse("ISIL:CA-BVAU")),
        Protocol.ISO10161, "relais", endpoints, 10, false, false, false, true);
  }

  @Test
  void savesAndReadsEverythingIncludingEndpointOverlapAndAuth() {
    Instant switchAt = Instant.parse("2025-04-01T00:00:00Z");
    List<Endpoint> endpoints = List.of(
        new Endpoint(URI.create("tcp://old.ubc.ca:1611"), null, switchAt.plusSeconds(7 * 86400)),
        new Endpoint(URI.create("tcp://new.ubc.ca:1611"), switchAt, null));
    InboundAuth auth = new InboundAuth(List.of("142.103.0.0/16", "10.1.2.3"), "ubc", "$pbkdf2$abc", null);
    PartnerEntry saved = directory.save(PartnerEntry.of(ubc(endpoints), auth), "admin");
    assertEquals(1, saved.version());

    PartnerEntry read = directory.get("ubc").orElseThrow();
    assertEquals(ubc(endpoints), read.partner());
    assertEquals(auth, read.inboundAuth());
    assertEquals(clock.instant(), read.createdAt());
    // Both endpoints active during the overlap week (seed 002: dual delivery).
    assertEquals(2, read.partner().endpoints().stream()
        .filter(e -> e.activeAt(switchAt.plusSeconds(86400))).count());
  }

  @Test
  void findsByAnyOfItsIdsAndByBareValue() {
    directory.save(PartnerEntry.of(ubc(List.of()), null), "admin");
    assertEquals("ubc", directory.findByAgencyId(AgencyId.parse("NUC:bku")).orElseThrow().key());
    assertEquals("ubc", directory.findByAgencyId(AgencyId.parse("ISIL:CA-BVAU")).orElseThrow().key());
    assertEquals("ubc", directory.findByAgencyId(AgencyId.parse("BVAU")).orElseThrow().key(),
        "a sender that gives no scheme is matched by value");
    assertTrue(directory.findByAgencyId(AgencyId.parse("OCLC:BVAU")).isEmpty(),
        "a different explicit scheme is a different id");
    assertTrue(directory.findByAgencyId(new AgencyId(AgencyIdScheme.NUC, "NOPE")).isEmpty());
  }

  @Test
  void anAgencyIdBelongsToOnePartnerOnly() {
    directory.save(PartnerEntry.of(ubc(List.of()), null), "admin");
    Partner other = new Partner("sfu", "Simon Fraser", List.of(AgencyId.parse("NUC:BKU")),
        Protocol.ISO18626, null, List.of(), 7, false, true, true, true);
    ConflictException e = assertThrows(ConflictException.class,
        () -> directory.save(PartnerEntry.of(other, null), "admin"));
    assertTrue(e.getMessage().contains("sfu"), e.getMessage());
    assertTrue(directory.get("sfu").isEmpty(), "nothing of the refused partner is stored");
  }

  @Test
  void updateUsesOptimisticLockingAndReplacesIds() {
    PartnerEntry v1 = directory.save(PartnerEntry.of(ubc(List.of()), null), "admin");
    Partner blocked = new Partner("ubc", "UBC Library", List.of(AgencyId.parse("NUC:BVAU")),
        Protocol.ISO10161, "relais", List.of(), 7, true, true, true, false);
    PartnerEntry v2 = directory.save(new PartnerEntry(blocked, null, v1.createdAt(), null, v1.version()), "alice");
    assertEquals(2, v2.version());
    assertTrue(directory.get("ubc").orElseThrow().partner().blocked());
    assertTrue(directory.findByAgencyId(AgencyId.parse("NUC:BKU")).isEmpty(), "removed id is gone");
    assertThrows(ConflictException.class, () -> directory.save(v1, "bob"), "stale version");
    assertEquals(List.of("partner.update", "partner.create"), store.audit(null, "ubc", 10, null)
        .items().stream().map(a -> a.action()).toList());
  }

  @Test
  void dialectSettingsAreStoredReplacedAndRemoved() {
    Partner withSettings = ubc(List.of()).withSettings(Map.of("pickupLocation", "Main desk",
        "maxCost", "USD 25.00"));
    PartnerEntry v1 = directory.save(PartnerEntry.of(withSettings, null), "admin");
    assertEquals(withSettings, directory.get("ubc").orElseThrow().partner());
    assertEquals("Main desk", directory.findByAgencyId(AgencyId.parse("NUC:BKU")).orElseThrow()
        .partner().setting("pickupLocation"));

    Partner changed = ubc(List.of()).withSettings(Map.of("maxCost", "USD 30.00"));
    PartnerEntry v2 = directory.save(new PartnerEntry(changed, null, null, null, v1.version()), "admin");
    assertEquals(Map.of("maxCost", "USD 30.00"), directory.get("ubc").orElseThrow().partner().settings(),
        "a setting no longer given is removed, a changed one replaced");

    directory.save(new PartnerEntry(ubc(List.of()), null, null, null, v2.version()), "admin");
    assertEquals(Map.of(), directory.get("ubc").orElseThrow().partner().settings());
  }

  @Test
  void theBlockedLendersListIsStoredInOrderReplacedAndRemoved() {
    Partner blocking = ubc(List.of()).withBlockedLenders(List.of("relais-sfu", "oclc-x"));
    PartnerEntry v1 = directory.save(PartnerEntry.of(blocking, null), "admin");
    assertEquals(List.of("relais-sfu", "oclc-x"), directory.get("ubc").orElseThrow().partner().blockedLenders());
    assertEquals(blocking, directory.findByAgencyId(AgencyId.parse("NUC:BKU")).orElseThrow().partner());

    PartnerEntry v2 = directory.save(new PartnerEntry(blocking.withBlockedLenders(List.of("oclc-x")), null,
        null, null, v1.version()), "admin");
    assertEquals(List.of("oclc-x"), directory.get("ubc").orElseThrow().partner().blockedLenders());

    directory.save(new PartnerEntry(ubc(List.of()), null, null, null, v2.version()), "admin");
    assertEquals(List.of(), directory.get("ubc").orElseThrow().partner().blockedLenders());
  }

  @Test
  void aBlockedLenderThatIsNotAPartnerKeyIsRefusedClearly() {
    Partner bad = ubc(List.of()).withBlockedLenders(List.of("has space"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> directory.save(PartnerEntry.of(bad, null), "a"));
    assertTrue(e.getMessage().contains("blocked lender 'has space'"), e.getMessage());
    assertTrue(directory.get("ubc").isEmpty());
  }

  @Test
  void aTooLongSettingIsRefusedClearly() {
    Partner tooLong = ubc(List.of()).withSettings(Map.of("note", "x".repeat(2001)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> directory.save(PartnerEntry.of(tooLong, null), "a"));
    assertTrue(e.getMessage().contains("note"), e.getMessage());
    assertTrue(directory.get("ubc").isEmpty());
  }

  @Test
  void rejectsInvalidPartnersClearly() {
    Partner noIds = new Partner("x", "X", List.of(), Protocol.ISO18626, null, List.of(), 7,
        false, true, true, true);
    assertThrows(IllegalArgumentException.class, () -> directory.save(PartnerEntry.of(noIds, null), "a"));
    Partner badKey = new Partner("a,b", "X", List.of(AgencyId.parse("NUC:X")), Protocol.ISO18626,
        null, List.of(), 7, false, true, true, true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> directory.save(PartnerEntry.of(badKey, null), "a"));
    assertTrue(e.getMessage().contains("partner key"));
  }

  @Test
  void listsAndDeletes() {
    directory.save(PartnerEntry.of(ubc(List.of()), null), "admin");
    directory.save(PartnerEntry.of(new Partner("alma-sfu", "SFU", List.of(AgencyId.parse("ISIL:CA-BBS")),
        Protocol.ISO18626, "alma", List.of(), 7, false, true, true, true), null), "admin");
    assertEquals(List.of("alma-sfu", "ubc"), directory.list().stream().map(PartnerEntry::key).toList());
    assertTrue(directory.delete("ubc", "admin"));
    assertFalse(directory.delete("ubc", "admin"));
    assertTrue(directory.findByAgencyId(AgencyId.parse("NUC:BKU")).isEmpty());
  }

  @Test
  void lookupsAreServedFromMemoryAndEveryWriteIsSeenAtOnce() {
    AtomicInteger connections = new AtomicInteger();
    DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            connections.incrementAndGet();
          }
          try {
            return method.invoke(db.dataSource(), args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    JdbcPartnerDirectory cached = new JdbcPartnerDirectory(counting, clock);
    PartnerEntry v1 = cached.save(PartnerEntry.of(ubc(List.of()), null), "admin");
    assertEquals("ubc", cached.findByAgencyId(AgencyId.parse("NUC:BKU")).orElseThrow().key());
    int afterFirstLoad = connections.get();
    for (int i = 0; i < 5; i++) {
      assertEquals("ubc", cached.get("ubc").orElseThrow().key());
      assertEquals("ubc", cached.findByAgencyId(AgencyId.parse("BVAU")).orElseThrow().key());
      assertEquals(1, cached.list().size());
    }
    assertEquals(afterFirstLoad, connections.get(), "repeated lookups do not touch the database");

    Partner renamed = new Partner("ubc", "UBC Library", List.of(AgencyId.parse("NUC:BVAU")),
        Protocol.ISO10161, "relais", List.of(), 7, false, false, false, true, Map.of("a", "b"));
    PartnerEntry v2 = cached.save(new PartnerEntry(renamed, null, v1.createdAt(), null, v1.version()), "alice");
    assertEquals(renamed, cached.get("ubc").orElseThrow().partner(), "an update is seen at once");
    assertTrue(cached.findByAgencyId(AgencyId.parse("NUC:BKU")).isEmpty(), "a removed id at once");

    // A refused write leaves the directory as it was.
    Partner clash = new Partner("sfu", "Simon Fraser", List.of(AgencyId.parse("NUC:BVAU")),
        Protocol.ISO18626, null, List.of(), 7, false, true, true, true);
    assertThrows(ConflictException.class, () -> cached.save(PartnerEntry.of(clash, null), "admin"));
    assertEquals(List.of("ubc"), cached.list().stream().map(PartnerEntry::key).toList());
    assertEquals(v2.version(), cached.get("ubc").orElseThrow().version());

    assertTrue(cached.delete("ubc", "admin"));
    assertTrue(cached.get("ubc").isEmpty(), "a deletion is seen at once");
    assertTrue(cached.findByAgencyId(AgencyId.parse("NUC:BVAU")).isEmpty());
  }
}
