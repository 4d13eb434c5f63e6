package org.illbridge.partners.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.InboundAuth;
import org.junit.jupiter.api.Test;

class PartnerSettingsTest {
  private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private static PartnerSettings.Parsed parse(Map<String, Object> values) {
    return PartnerSettings.parse(Configs.of(values));
  }

  private static String error(Map<String, Object> values) {
    return assertThrows(IllegalArgumentException.class, () -> parse(values)).getMessage();
  }

  private static Map<String, Object> with(String k, Object v) {
    Map<String, Object> m = Configs.relais();
    m.put(k, v);
    return m;
  }

  @Test
  void cfgFileValuesBecomeThePartner() {
    Partner p = parse(Configs.relais()).partner();
    assertEquals("ubc", p.key());
    assertEquals("UBC (Relais)", p.name());
    assertEquals(List.of(new AgencyId(AgencyIdScheme.NUC, "BVAU"),
        new AgencyId(AgencyIdScheme.OTHER, "BKU")), p.ids());
    assertEquals(Protocol.ISO10161, p.protocol());
    assertEquals("relais", p.dialectId());
    assertEquals(URI.create("tcp://127.0.0.1:5101"), p.endpoints().get(0).uri());
    assertEquals(7, p.daysToRespond());
    assertFalse(p.notesAllowed());
    assertTrue(p.enabled());
    assertFalse(p.blocked());
    assertSame(InboundAuth.NONE, parse(Configs.relais()).inboundAuth());
  }

  @Test
  void settingLinesBecomeTheDialectSettings() {
    Map<String, Object> props = new java.util.HashMap<>(Configs.relais());
    props.put("setting.pickupLocation", " Main desk ");
    props.put("setting.maxCost", "USD 25.00");
    props.put("setting.empty", "");
    props.put("settingNotAPrefix", "ignored");
    props.put("setting.list", new String[] {"a", "b"});
    Partner p = PartnerSettings.parse(Configs.of(Configs.relais()), props).partner();
    assertEquals(Map.of("pickupLocation", "Main desk", "maxCost", "USD 25.00", "list", "a,b"),
        p.settings(), "trimmed; an empty value is no setting; a list is joined with commas");
    assertEquals(Map.of(), parse(Configs.relais()).partner().settings());
  }

  @Test
  void aBadSettingNamesItsLine() {
    Map<String, Object> props = new java.util.HashMap<>(Configs.relais());
    props.put("setting.bad name", "x");
    String e = assertThrows(IllegalArgumentException.class,
        () -> PartnerSettings.parse(Configs.of(Configs.relais()), props)).getMessage();
    assertTrue(e.startsWith("setting.bad name "), e);
    props.remove("setting.bad name");
    props.put("setting.long", "x".repeat(2001));
    e = assertThrows(IllegalArgumentException.class,
        () -> PartnerSettings.parse(Configs.of(Configs.relais()), props)).getMessage();
    assertTrue(e.startsWith("setting.long is longer than 2000"), e);
  }

  @Test
  void defaultsAndSpellings() {
    Map<String, Object> m = Configs.relais();
    m.remove("name");
    m.remove("dialect");
    m.put("protocol", "iso 18626");
    m.put("ids", new String[] {"isil:ca-demo", "ISIL:CA-DEMO"});
    m.put("endpoints", new String[] {"http://127.0.0.1:5104/iso18626"});
    Partner p = parse(m).partner();
    assertEquals("ubc", p.name());
    assertEquals("standard", p.dialectId());
    assertEquals(Protocol.ISO18626, p.protocol());
    assertEquals(List.of(new AgencyId(AgencyIdScheme.ISIL, "CA-DEMO")), p.ids(), "duplicates dropped");
  }

  @Test
  void endpointPeriodsForAnAddressChange() {
    Partner p = parse(with("endpoints", new String[] {
        "tcp://old.example:499|until=2025-04-01T00:00:00Z",
        "tcp://new.example:499|from=2025-03-01T00:00:00Z"})).partner();
    assertEquals(2, p.endpoints().size());
    assertNull(p.endpoints().get(0).activeFrom());
    assertEquals(Instant.parse("2025-04-01T00:00:00Z"), p.endpoints().get(0).activeUntil());
    assertEquals(Instant.parse("2025-03-01T00:00:00Z"), p.endpoints().get(1).activeFrom());
    assertTrue(error(with("endpoints", new String[] {"tcp://h:1|until=tomorrow"})).contains("tomorrow"));
    assertTrue(error(with("endpoints", new String[] {"tcp://h:1|from=2025-05-01T00:00:00Z|until=2025-04-01T00:00:00Z"}))
        .contains("before"));
    assertTrue(error(with("endpoints", new String[] {"tcp://h:1|weight=2"})).contains("weight"));
  }

  @Test
  void inboundAuthenticationKeepsOnlyHashes() {
    Map<String, Object> m = Configs.relais();
    m.put("allowedAddresses", new String[] {"127.0.0.1/32,192.0.2.0/24", "2001:db8::1"});
    m.put("basicUser", "ill");
    m.put("basicPasswordHash", SHA.toUpperCase());
    m.put("sharedSecretHash", "pbkdf2-sha256$310000$c2FsdA==$aGFzaA==");
    InboundAuth a = parse(m).inboundAuth();
    assertEquals(List.of("127.0.0.1/32", "192.0.2.0/24", "2001:db8::1"), a.allowedSources());
    assertEquals("ill", a.basicAuthUser());
    assertEquals(SHA, a.passwordHash());
    assertEquals("pbkdf2-sha256$310000$c2FsdA==$aGFzaA==", a.sharedSecretHash());
  }

  @Test
  void aPlainSecretIsRefusedWithoutEchoingIt() {
    Map<String, Object> m = Configs.relais();
    m.put("basicUser", "ill");
    m.put("basicPasswordHash", "hunter2");
    String e = error(m);
    assertTrue(e.startsWith("basicPasswordHash is not a hash"), e);
    assertFalse(e.contains("hunter2"), "the secret must not be logged");
    assertTrue(error(with("sharedSecretHash", "s3cret")).startsWith("sharedSecretHash"));
    assertTrue(error(with("basicUser", "ill")).contains("both"));
  }

  @Test
  void badValuesNameTheField() {
    assertTrue(error(with("key", "")).startsWith("key is required"));
    assertTrue(error(with("key", "a b")).startsWith("key 'a b'"));
    assertTrue(error(with("ids", new String[0])).startsWith("ids needs"));
    assertTrue(error(with("ids", new String[] {"BVAU"})).contains("SCHEME:VALUE"));
    assertTrue(error(with("ids", new String[] {"FOO:BVAU"})).contains("unknown scheme 'FOO'"));
    assertTrue(error(with("protocol", "Z39.50")).startsWith("protocol 'Z39.50'"));
    assertTrue(error(with("protocol", null)).startsWith("protocol is required"));
    assertTrue(error(with("endpoints", new String[] {"ftp://h/x"})).startsWith("endpoints"));
    assertTrue(error(with("endpoints", new String[] {"tcp://h"})).contains("no port"));
    assertTrue(error(with("endpoints", new String[] {"not a uri"})).contains("not a URI"));
    assertTrue(error(with("daysToRespond", -1)).startsWith("daysToRespond"));
    assertTrue(error(with("allowedAddresses", new String[] {"example.org"})).startsWith("allowedAddresses"));
    assertTrue(error(with("allowedAddresses", new String[] {"10.0.0.0/33"})).contains("prefix"));
  }

  @Test
  void blockedLendersAreTheLibrarysOwnListOfPartnerKeys() {
    assertEquals(List.of(), parse(Configs.relais()).partner().blockedLenders());
    assertEquals(List.of("oclc-x", "sfu", "alma-y"),
        parse(with("blockedLenders", new String[] {"oclc-x, sfu", "alma-y", "sfu"})).partner().blockedLenders(),
        "comma-separated or repeated lines, trimmed, each key once, in order");
    assertTrue(error(with("blockedLenders", new String[] {"not a key"})).startsWith("blockedLenders 'not a key'"));
    assertTrue(error(with("blockedLenders", new String[] {"ubc"})).contains("names the partner itself"));
  }

  @Test
  void theHomeSystemIsReachedByWebhook() {
    Map<String, Object> m = Configs.relais();
    m.put("protocol", "REST");
    assertTrue(error(m).contains("webhook+https"));
    m.put("endpoints", new String[] {"webhook+http://127.0.0.1:8099/webhook"});
    assertEquals(Protocol.REST, parse(m).partner().protocol());
  }
}
