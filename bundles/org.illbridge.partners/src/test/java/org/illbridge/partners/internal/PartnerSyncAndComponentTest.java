package org.illbridge.partners.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.illbridge.api.model.Partner;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.PartnerEntry;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentConstants;

class PartnerSyncAndComponentTest {
  private final FakeDirectory directory = new FakeDirectory();
  private final Map<String, Object> props =
      Map.of("felix.fileinstall.filename", "file:/opt/illbridge/conf/org.illbridge.partner-ubc.cfg");

  private ConfiguredPartnerComponent activate(Map<String, Object> values) {
    return new ConfiguredPartnerComponent(directory, Configs.of(values), props);
  }

  private Partner stored(String key) {
    return directory.get(key).orElseThrow().partner();
  }

  @Test
  void activationCreatesTheEntryWithTheFileAsActor() {
    activate(Configs.relais());
    assertEquals("relais", stored("ubc").dialectId());
    assertEquals(List.of("config:org.illbridge.partner-ubc.cfg"), directory.actors);
  }

  @Test
  void restartWithTheSameConfigurationWritesNothing() {
    activate(Configs.relais());
    activate(Configs.relais());
    assertEquals(1, directory.actors.size(), "no second save, no audit entry");
    assertEquals(1, directory.get("ubc").orElseThrow().version());
  }

  @Test
  void configurationWinsOverAnEditMadeElsewhere() {
    activate(Configs.relais());
    PartnerEntry e = directory.get("ubc").orElseThrow();
    Partner p = e.partner();
    directory.save(new PartnerEntry(new Partner(p.key(), "edited in console", p.ids(), p.protocol(),
        p.dialectId(), p.endpoints(), 30, true, p.strictParsing(), p.notesAllowed(), true),
        e.inboundAuth(), null, null, e.version()), "console:admin");
    activate(Configs.relais()); // next start
    assertEquals("UBC (Relais)", stored("ubc").name());
    assertEquals(7, stored("ubc").daysToRespond());
    assertFalse(stored("ubc").blocked());
  }

  @Test
  void modificationUpdatesAndAChangedKeyDisablesTheOldPartner() {
    ConfiguredPartnerComponent c = activate(Configs.relais());
    Map<String, Object> m = Configs.relais();
    m.put("daysToRespond", 10);
    c.modified(Configs.of(m), props);
    assertEquals(10, stored("ubc").daysToRespond());
    assertEquals(2, directory.get("ubc").orElseThrow().version());

    m.put("key", "ubc2");
    m.put("ids", new String[] {"NUC:BVAU2"});
    c.modified(Configs.of(m), props);
    assertTrue(stored("ubc2").enabled());
    assertFalse(stored("ubc").enabled(), "the partner the file no longer names is switched off");
  }

  @Test
  void settingLinesReachTheDirectoryAndSurviveDisabling() {
    Map<String, Object> withSetting = new HashMap<>(props);
    withSetting.put("setting.pickupLocation", "Main desk");
    ConfiguredPartnerComponent c =
        new ConfiguredPartnerComponent(directory, Configs.of(Configs.relais()), withSetting);
    assertEquals(Map.of("pickupLocation", "Main desk"), stored("ubc").settings());
    long v = directory.get("ubc").orElseThrow().version();
    c.modified(Configs.of(Configs.relais()), withSetting);
    assertEquals(v, directory.get("ubc").orElseThrow().version(), "unchanged settings: no write");

    withSetting.put("setting.pickupLocation", "Branch");
    c.modified(Configs.of(Configs.relais()), withSetting);
    assertEquals("Branch", stored("ubc").setting("pickupLocation"));
    c.modified(Configs.of(Configs.relais()), props);
    assertEquals(Map.of(), stored("ubc").settings(), "a setting line removed from the file is gone");

    c.modified(Configs.of(Configs.relais()), withSetting);
    c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
    assertFalse(stored("ubc").enabled());
    assertEquals("Branch", stored("ubc").setting("pickupLocation"), "disabling keeps the settings");
  }

  @Test
  void deletingTheConfigurationDisablesButNeverDeletes() {
    ConfiguredPartnerComponent c = activate(Configs.relais());
    c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
    assertFalse(stored("ubc").enabled());
    assertEquals("relais", stored("ubc").dialectId(), "everything else is kept");
    assertFalse(directory.deleted);
  }

  @Test
  void stoppingTheBundleOrLosingTheStoreLeavesThePartnerAlone() {
    ConfiguredPartnerComponent c = activate(Configs.relais());
    c.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
    c.deactivate(ComponentConstants.DEACTIVATION_REASON_REFERENCE);
    c.deactivate(ComponentConstants.DEACTIVATION_REASON_DISPOSED);
    assertTrue(stored("ubc").enabled());
  }

  @Test
  void aWrongConfigurationLeavesTheDirectoryAsItWas() {
    ConfiguredPartnerComponent c = activate(Configs.relais());
    Map<String, Object> m = Configs.relais();
    m.put("protocol", "Z39.50");
    m.put("name", "changed");
    c.modified(Configs.of(m), props);
    assertEquals("UBC (Relais)", stored("ubc").name());
    assertEquals(1, directory.actors.size());
    // and deleting it still disables the partner it last applied
    c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
    assertFalse(stored("ubc").enabled());
  }

  @Test
  void anAgencyIdOfAnotherPartnerIsReportedNotThrown() {
    activate(Configs.relais());
    Map<String, Object> m = new HashMap<>(Configs.relais());
    m.put("key", "other");
    activate(m); // NUC:BVAU belongs to ubc: logged, nothing saved
    assertTrue(directory.get("other").isEmpty());
  }

  @Test
  void lostRacesAreRetried() {
    activate(Configs.relais());
    Map<String, Object> m = Configs.relais();
    m.put("daysToRespond", 9);
    directory.conflictsToInject = 2;
    PartnerSync sync = new PartnerSync(directory);
    assertEquals(PartnerSync.Result.UPDATED, sync.apply(PartnerSettings.parse(Configs.of(m)), "t"));
    assertEquals(9, stored("ubc").daysToRespond());

    directory.conflictsToInject = PartnerSync.ATTEMPTS;
    m.put("daysToRespond", 8);
    assertThrows(ConflictException.class, () -> sync.apply(PartnerSettings.parse(Configs.of(m)), "t"));
  }

  @Test
  void sourceNamesTheFileOrThePid() {
    assertEquals("org.illbridge.partner-ubc.cfg", ConfiguredPartnerComponent.source(props));
    assertEquals("org.illbridge.partner~x",
        ConfiguredPartnerComponent.source(Map.of("service.pid", "org.illbridge.partner~x")));
  }
}
