package org.illbridge.console.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.api.store.StoreMaintenance;
import org.junit.jupiter.api.Test;

class BackupPageTest {
  final Fakes.Store store = new Fakes.Store();
  final List<Path> backedUp = new ArrayList<>();
  final StoreMaintenance maintenance = new StoreMaintenance() {
    @Override
    public Path backup(Path directory) {
      backedUp.add(directory);
      return directory.resolve("illbridge-backup-20261123-100000").resolve("db");
    }

    @Override
    public RetentionResult purgeExpired(Instant now) {
      throw new UnsupportedOperationException();
    }
  };
  final BackupPage page = new BackupPage(maintenance, store, Path.of("/srv/illbridge/data/backups"));

  @Test
  void pageOffersTheDefaultFolderAndExplainsRestoreInEnglishAndFrench() throws Exception {
    String en = Fakes.render(page, new Fakes.Request());
    assertTrue(en.contains("/srv/illbridge/data/backups"), en);
    assertTrue(en.contains("Back up now") && en.contains("restoreFrom"), en);
    String fr = Fakes.render(page, new Fakes.Request().param("lang", "fr"));
    assertTrue(fr.contains("Sauvegarder maintenant"), fr);
  }

  @Test
  void backupRunsIntoTheChosenFolderAndIsAudited() throws Exception {
    String to = Fakes.post(page, new Fakes.Request().param("action", "backup").param("folder", "/var/backups/ill"));
    assertEquals(List.of(Path.of("/var/backups/ill")), backedUp);
    assertTrue(to.contains("backup.done") && to.contains("/var/backups/ill/illbridge-backup-20261123-100000/db"), to);
    assertEquals("store.backup", store.audit.get(0).action());
  }

  @Test
  void relativeFolderIsRefusedWithoutBackingUp() throws Exception {
    String to = Fakes.post(page, new Fakes.Request().param("action", "backup").param("folder", "backups"));
    assertTrue(to.contains("backup.absolute"), to);
    assertTrue(backedUp.isEmpty());
    assertFalse(to.contains("backup.done"));
  }

  @Test
  void defaultFolderIsUnderTheServersDataFolder() {
    assertEquals(Path.of("/opt/illbridge/data/backups"), BackupPage.defaultFolder("/opt/illbridge"));
  }
}
