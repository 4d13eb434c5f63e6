package org.illbridge.console.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.console.PasswordHash;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

class OtherPagesTest {
  Fakes.Store store = new Fakes.Store();
  Fakes.Directory directory = new Fakes.Directory();
  Fakes.Box outbox = new Fakes.Box();
  Fakes.Engine engine = new Fakes.Engine();

  static Partner partner(String key, String dialect, String... endpoints) {
    return new Partner(key, key.toUpperCase(), List.of(AgencyId.parse("ISIL:X-" + key)), Protocol.ISO18626, dialect,
        java.util.Arrays.stream(endpoints).map(e -> new Endpoint(URI.create(e), null, null)).toList(), 7, false, false, true, true);
  }

  // --- partners ------------------------------------------------------------------------------------

  @Test
  void aPartnerIsCreatedWithOverlappingEndpointsAndHashedSecrets() throws Exception {
    PartnersPage page = new PartnersPage(directory, store);
    String to = Fakes.post(page, new Fakes.Request().param("action", "save").param("version", "0").param("key", "ubc")
        .param("name", "UBC Library").param("ids", "ISIL:CA-BVAS\nNUC:BKU").param("protocol", "ISO10161")
        .param("dialect", "relais").param("days", "10")
        .param("endpoints", "tcp://old.ubc.ca:499 - 2025-06-01T00:00:00Z\ntcp://new.ubc.ca:499 2025-05-01T00:00:00Z -")
        .param("enabled", "true").param("basicUser", "ubc").param("password", "s3cret").param("sources", "10.0.0.0/8, 192.168.1.5"));
    assertTrue(to.contains("done=partner.created"), to);
    PartnerEntry e = directory.get("ubc").orElseThrow();
    assertEquals(List.of(AgencyId.parse("ISIL:CA-BVAS"), AgencyId.parse("NUC:BKU")), e.partner().ids());
    assertEquals(2, e.partner().endpoints().size());
    assertEquals(Instant.parse("2025-06-01T00:00:00Z"), e.partner().endpoints().get(0).activeUntil());
    assertEquals(Instant.parse("2025-05-01T00:00:00Z"), e.partner().endpoints().get(1).activeFrom());
    assertTrue(e.partner().endpoints().get(0).activeAt(Instant.parse("2025-05-15T00:00:00Z"))
        && e.partner().endpoints().get(1).activeAt(Instant.parse("2025-05-15T00:00:00Z")), "overlap period");
    assertEquals(10, e.partner().daysToRespond());
    assertTrue(e.partner().enabled() && !e.partner().blocked());
    assertTrue(PasswordHash.verify("s3cret".toCharArray(), e.inboundAuth().passwordHash()), "stored as a hash");
    assertFalse(e.inboundAuth().passwordHash().contains("s3cret"));
    assertEquals(List.of("10.0.0.0/8", "192.168.1.5"), e.inboundAuth().allowedSources());
    assertEquals("alice", directory.actors.get(0));

    // edit without a new password keeps the hash; a stale version is refused clearly
    String hash = e.inboundAuth().passwordHash();
    Fakes.post(page, new Fakes.Request().param("action", "save").param("version", "1").param("key", "ubc").param("name", "UBC")
        .param("ids", "ISIL:CA-BVAS").param("protocol", "ISO10161").param("days", "8").param("enabled", "on").param("basicUser", "ubc"));
    assertEquals(hash, directory.get("ubc").orElseThrow().inboundAuth().passwordHash());
    assertEquals("UBC", directory.get("ubc").orElseThrow().partner().name());
    to = Fakes.post(page, new Fakes.Request().param("action", "save").param("version", "1").param("key", "ubc")
        .param("ids", "ISIL:CA-BVAS").param("protocol", "ISO10161").param("days", "8"));
    assertTrue(to.contains("error=partner.conflict") && to.contains("edit=ubc"), to);

    String html = Fakes.render(page, new Fakes.Request().param("edit", "ubc"));
    assertTrue(html.contains("Edit partner ubc") && html.contains("New password (empty keeps the current one)"), html);
    assertFalse(html.contains(hash), "the hash is never sent back to the browser");
    assertTrue(html.contains("relais") || html.contains("standard"));
  }

  @Test
  void badPartnerInputIsRefusedWithAClearMessage() throws Exception {
    PartnersPage page = new PartnersPage(directory, store);
    String to = Fakes.post(page, new Fakes.Request().param("action", "save").param("key", "x").param("ids", "ISIL:A")
        .param("protocol", "ISO18626").param("days", "7").param("endpoints", "not a uri at all here"));
    assertTrue(to.contains("error=partner.badForm") && to.contains("Not an endpoint"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "save").param("key", "x").param("ids", "")
        .param("protocol", "ISO18626").param("days", "7"));
    assertTrue(to.contains("error=partner.noId"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "save").param("key", "x").param("ids", "ISIL:A")
        .param("protocol", "ISO18626").param("days", "999"));
    assertTrue(to.contains("error=partner.badDays"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "save").param("key", "x").param("ids", "ISIL:A")
        .param("protocol", "PIGEON").param("days", "7"));
    assertTrue(to.contains("error=partner.badForm"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "save").param("key", "x").param("ids", "ISIL:A")
        .param("protocol", "ISO18626").param("days", "7").param("endpoints", "http://a.b/x 2025-05-02 2025-05-01"));
    assertTrue(to.contains("error=partner.badForm") && to.contains("ends before it starts"), to);
    assertTrue(directory.entries.isEmpty());
  }

  @Test
  void editingOrBlockingAPartnerKeepsItsDialectSettings() throws Exception {
    PartnersPage page = new PartnersPage(directory, store);
    directory.save(PartnerEntry.of(partner("alma", "alma").withSettings(
        java.util.Map.of("deliveryAddress", "Main desk")), InboundAuth.NONE), "t");
    long version = directory.get("alma").orElseThrow().version();
    String to = Fakes.post(page, new Fakes.Request().param("action", "save").param("version", Long.toString(version))
        .param("key", "alma").param("name", "Alma renamed").param("ids", "ISIL:X-alma").param("protocol", "ISO18626")
        .param("dialect", "alma").param("days", "5").param("enabled", "on"));
    assertTrue(to.contains("done="), to);
    assertEquals("Alma renamed", directory.get("alma").orElseThrow().partner().name());
    assertEquals("Main desk", directory.get("alma").orElseThrow().partner().setting("deliveryAddress"));
    Fakes.post(page, new Fakes.Request().param("action", "block").param("key", "alma"));
    assertTrue(directory.get("alma").orElseThrow().partner().blocked());
    assertEquals("Main desk", directory.get("alma").orElseThrow().partner().setting("deliveryAddress"));
  }

  @Test
  void disableBlockAndTestConnection() throws Exception {
    PartnersPage page = new PartnersPage(directory, store);
    try (ServerSocket listening = new ServerSocket(0); ServerSocket closed = new ServerSocket(0)) {
      int deadPort = closed.getLocalPort();
      closed.close();
      directory.save(PartnerEntry.of(partner("up", "standard", "tcp://127.0.0.1:" + listening.getLocalPort()), InboundAuth.NONE), "t");
      directory.save(PartnerEntry.of(partner("down", "standard", "tcp://127.0.0.1:" + deadPort), InboundAuth.NONE), "t");
      String to = Fakes.post(page, new Fakes.Request().param("action", "test").param("key", "up"));
      assertTrue(to.contains("done=partner.tested") && to.contains("answers (TCP"), to);
      to = Fakes.post(page, new Fakes.Request().param("action", "test").param("key", "down"));
      assertTrue(to.contains("error=partner.testFailed") && to.contains("cannot be reached"), to);
      assertEquals("partner.test-connection", store.audit.get(0).action());
    }
    Fakes.post(page, new Fakes.Request().param("action", "disable").param("key", "up"));
    Fakes.post(page, new Fakes.Request().param("action", "block").param("key", "up"));
    Partner p = directory.get("up").orElseThrow().partner();
    assertFalse(p.enabled());
    assertTrue(p.blocked());
    String html = Fakes.render(page, new Fakes.Request().param("lang", "fr"));
    assertTrue(html.contains("Désactivé, Bloqué") && html.contains("Activer") && html.contains("Débloquer"), html);
    assertTrue(html.contains("non installé"), "standard is not tracked here: shown as missing");
    page.addDialectId("standard");
    assertFalse(Fakes.render(page, new Fakes.Request()).contains("not installed"));
  }

  // --- outbox and review ---------------------------------------------------------------------------

  @Test
  void deadLettersAreRetriedOrDiscardedWithAnAuditedReason() throws Exception {
    OutboxPage page = new OutboxPage(store, directory, outbox);
    outbox.add(1, "IB1", "ubc", OutboxStatus.DEAD, 9, "HTTP 503");
    outbox.add(2, "IB2", "ubc", OutboxStatus.PENDING, 0, null);
    String html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains("Dead letters") && html.contains("HTTP 503") && !html.contains(">IB2<"), html);
    assertTrue(html.contains("Waiting: 1") && html.contains("Dead letter: 1"));

    String to = Fakes.post(page, new Fakes.Request().param("action", "discard").param("item", "1"));
    assertTrue(to.contains("error=outbox.reasonRequired"), "a discard needs a reason");
    to = Fakes.post(page, new Fakes.Request().param("action", "discard").param("item", "1").param("reason", "partner closed"));
    assertTrue(to.contains("done=outbox.discarded"), to);
    assertEquals("discard 1 by alice", outbox.calls.get(0));
    assertEquals("outbox.discard.reason", store.audit.get(0).action());
    assertEquals("#1: partner closed", store.audit.get(0).detail());
    to = Fakes.post(page, new Fakes.Request().param("action", "resend").param("item", "2"));
    assertTrue(to.contains("error=outbox.notDead"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "resend").param("item", "abc"));
    assertTrue(to.contains("error=error.missing"), to);
  }

  @Test
  void requestsFromUnknownLibrariesAreAcceptedOrRejected() throws Exception {
    OutboxPage page = new OutboxPage(store, directory, outbox);
    page.setEngine(engine);
    store.add("IBREVIEW", TransactionState.NEW, null, null, Instant.now());
    store.add("IBKNOWN", TransactionState.NEW, "home", null, Instant.now());
    directory.save(PartnerEntry.of(partner("newlib", "standard"), InboundAuth.NONE), "t");
    String html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains("IBREVIEW") && html.contains("ISIL:XX-UNKNOWN") && !html.contains("IBKNOWN"), html);
    String to = Fakes.post(page, new Fakes.Request().param("action", "accept").param("tx", "IBREVIEW").param("partner", "nobody"));
    assertTrue(to.contains("error=review.noPartner"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "accept").param("tx", "IBREVIEW").param("partner", "newlib"));
    assertTrue(to.contains("done=review.accepted"), to);
    Fakes.post(page, new Fakes.Request().param("action", "reject").param("tx", "IBREVIEW").param("reason", "spam"));
    assertTrue(html.contains("id='refuse-IBREVIEW'"), "the reject form offers a partner to send the refusal to");
    to = Fakes.post(page, new Fakes.Request().param("action", "reject").param("tx", "IBREVIEW").param("partner", "nobody"));
    assertTrue(to.contains("error=review.noPartner"), to);
    to = Fakes.post(page, new Fakes.Request().param("action", "reject").param("tx", "IBREVIEW").param("reason", "no")
        .param("partner", "newlib"));
    assertTrue(to.contains("done=review.refused"), to);
    assertEquals(List.of("accept IBREVIEW as newlib by alice", "reject IBREVIEW (spam) by alice",
        "reject IBREVIEW (no) refusal to newlib by alice"), engine.calls);
  }

  // --- dialects ------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static ServiceReference<Dialect> dialectRef(String id, String bsn, long bundleId) {
    Bundle bundle = (Bundle) Proxy.newProxyInstance(OtherPagesTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
        (p, m, a) -> switch (m.getName()) {
          case "getSymbolicName" -> bsn;
          case "getVersion" -> new Version(1, 2, 3);
          case "getBundleId" -> bundleId;
          default -> throw new UnsupportedOperationException(m.getName());
        });
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(Dialect.PROPERTY_ID, id);
    return (ServiceReference<Dialect>) Proxy.newProxyInstance(OtherPagesTest.class.getClassLoader(),
        new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
          case "getProperty" -> props.get((String) a[0]);
          case "getBundle" -> bundle;
          case "hashCode" -> System.identityHashCode(p);
          case "equals" -> p == a[0];
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }

  @Test
  void dialectsPageListsInstalledDialectsUsersAndHeldMessages() throws Exception {
    DialectsPage page = new DialectsPage(directory, outbox);
    ServiceReference<Dialect> relais = dialectRef("relais", "org.illbridge.dialect.relais", 12);
    page.addDialect(relais);
    page.addDialect(dialectRef("standard", "org.illbridge.engine", 9));
    directory.save(PartnerEntry.of(partner("ubc", "relais"), InboundAuth.NONE), "t");
    directory.save(PartnerEntry.of(partner("oclc1", "oclc"), InboundAuth.NONE), "t");
    outbox.add(1, "IB1", "oclc1", OutboxStatus.PENDING, 0, null);
    outbox.add(2, "IB2", "oclc1", OutboxStatus.PENDING, 0, null);
    outbox.add(3, "IB3", "ubc", OutboxStatus.PENDING, 0, null);
    String html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains("org.illbridge.dialect.relais 1.2.3") && html.contains("bundles/12"), html);
    assertTrue(html.contains("<td>relais</td><td><a href='/system/console/bundles/12'>org.illbridge.dialect.relais 1.2.3</a></td><td>ubc</td>"), html);
    assertTrue(html.contains("<td>oclc1</td><td>oclc</td>") && html.contains("partner=oclc1'>2</a>"), html);
    page.removeDialect(relais);
    html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains("<td>ubc</td><td>relais</td>"), "relais gone: ubc waits too");
  }

  // --- dashboard and audit -------------------------------------------------------------------------

  @Test
  void dashboardShowsCountsChartDataAndFailingPartners() throws Exception {
    DashboardPage page = new DashboardPage(store, outbox);
    store.perMinute = new long[DashboardPage.MINUTES];
    store.perMinute[0] = 3;
    store.perMinute[DashboardPage.MINUTES - 1] = 4;
    store.add("A", TransactionState.REQUESTED, "home", "ubc", Instant.now());
    store.add("B", TransactionState.REQUESTED, "home", "ubc", Instant.now());
    store.add("C", TransactionState.CANCELLED, "home", "ubc", Instant.now());
    outbox.add(1, "A", "ubc", OutboxStatus.DEAD, 9, "refused");
    outbox.add(2, "B", "vdx", OutboxStatus.PENDING, 2, "timeout");
    outbox.add(3, "B", "home", OutboxStatus.PENDING, 0, null);
    String html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains("<td id='outbox-depth'>2</td>") && html.contains("<td id='dead-letters'>1</td>"), html);
    assertTrue(html.contains("7 messages in the last 24 hours"));
    assertTrue(html.contains("/system/console/illbridge-dashboard/res/chartjs/chart.umd.js"), "the bundled library, no CDN");
    assertTrue(html.contains("\"counts\":[3,0,"), html);
    assertTrue(html.contains(">Requested</a></th><td>2</td>") && !html.contains("Cancelled</a>"), html);
    assertTrue(html.contains(">ubc</a></td><td>1</td><td>0</td>") && html.contains(">vdx</a></td><td>0</td><td>1</td>"), html);
    assertFalse(html.contains(">home</a>"));
    assertNotNull(DashboardPage.class.getResource("/res/chartjs/chart.umd.js"), "chart.js is packed into the bundle");

    store.perMinute = null;
    DashboardPage other = new DashboardPage(store, outbox);
    assertTrue(Fakes.render(other, new Fakes.Request()).contains("The store cannot count this."));
  }

  @Test
  void dashboardFiguresAreComputedAtMostOncePerCachePeriodUnlessRefreshIsAsked() throws Exception {
    Instant[] now = {Instant.parse("2025-03-01T10:00:00Z")};
    DashboardPage page = new DashboardPage(store, outbox);
    page.clock = new java.time.Clock() {
      @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
      @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now[0]; }
    };
    store.perMinute = new long[DashboardPage.MINUTES];
    store.add("A", TransactionState.REQUESTED, "home", "ubc", now[0]);
    String html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains(">Requested</a></th><td>1</td>"), html);
    assertTrue(html.contains("id='dashboard-as-of'") && html.contains("computed at most every 15 seconds"), html);
    assertEquals(1, store.perMinuteCalls);
    assertEquals(1, store.countOpenCalls);

    // within the period: served from memory, the new transaction not counted yet
    store.add("B", TransactionState.REQUESTED, "home", "ubc", now[0]);
    now[0] = now[0].plus(DashboardPage.CACHE).minusSeconds(1);
    html = Fakes.render(page, new Fakes.Request().param("lang", "fr"));
    assertTrue(html.contains("recalculés au plus toutes les 15 secondes"), html);
    assertTrue(html.contains("<td>1</td>"), html);
    assertEquals(1, store.perMinuteCalls);
    assertEquals(1, store.countOpenCalls);

    // after the period: computed again
    now[0] = now[0].plusSeconds(2);
    html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains(">Requested</a></th><td>2</td>"), html);
    assertEquals(2, store.perMinuteCalls);
    assertEquals(2, store.countOpenCalls);

    // "Refresh now" computes at once
    store.add("C", TransactionState.SHIPPED, "home", "ubc", now[0]);
    now[0] = now[0].plusMillis(10);
    html = Fakes.render(page, new Fakes.Request().param("refresh", "1"));
    assertTrue(html.contains(">Shipped</a></th><td>1</td>"), html);
    assertEquals(3, store.countOpenCalls);
  }

  @Test
  void auditLogIsFilterable() throws Exception {
    AuditPage page = new AuditPage(store);
    store.inTransaction(uow -> {
      uow.audit("bob", "partner.update", null, "ubc", "days 7 -> 10");
      uow.audit("alice", "transaction.cancel", "IB1", null, "phoned");
      uow.audit("engine", "rota.skip", "IB2", "vdx", "blocked");
      return null;
    });
    String html = Fakes.render(page, new Fakes.Request());
    assertTrue(html.contains("Partner changed") && html.contains("Transaction cancelled by staff") && html.contains("Lender skipped"), html);
    html = Fakes.render(page, new Fakes.Request().param("actor", "alice"));
    assertTrue(html.contains("phoned") && !html.contains("days 7") && !html.contains("Lender skipped"), html);
    html = Fakes.render(page, new Fakes.Request().param("action", "skipped"));
    assertTrue(html.contains("Lender skipped") && !html.contains("phoned"), "matches the label too");
    html = Fakes.render(page, new Fakes.Request().param("tx", "IB1").param("lang", "fr"));
    assertTrue(html.contains("Transaction annulée par le personnel") && !html.contains("Sauté"), html);
  }
}
