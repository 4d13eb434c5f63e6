package org.illbridge.console.internal.pages;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Path;
import org.illbridge.api.IllBridge;
import org.illbridge.api.store.StoreMaintenance;
import org.illbridge.api.store.TransactionStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Backup: an online backup of the database (Derby's backup procedure; the bridge keeps running)
 * into a folder the admin chooses, audited, with how to restore it.
 */
@Component(service = Servlet.class, property = {
    ConsolePage.PROP_LABEL + "=" + BackupPage.LABEL,
    ConsolePage.PROP_TITLE + "=%illbridge.backup.title",
    ConsolePage.PROP_CATEGORY + "=" + IllBridge.CONSOLE_CATEGORY})
public class BackupPage extends ConsolePage {
  private static final long serialVersionUID = 1L;
  static final String LABEL = "illbridge-backup";

  private final transient StoreMaintenance maintenance;
  private final transient TransactionStore store;
  private final transient Path defaultFolder;

  @Activate
  public BackupPage(@Reference StoreMaintenance maintenance, @Reference TransactionStore store,
      BundleContext context) {
    this(maintenance, store, defaultFolder(context.getProperty("illbridge.home")));
  }

  BackupPage(StoreMaintenance maintenance, TransactionStore store, Path defaultFolder) {
    this.maintenance = maintenance;
    this.store = store;
    this.defaultFolder = defaultFolder;
  }

  static Path defaultFolder(String home) {
    return (home == null || home.isBlank() ? Path.of("data") : Path.of(home, "data"))
        .resolve("backups").toAbsolutePath();
  }

  @Override
  String label() {
    return LABEL;
  }

  @Override
  void render(View view) throws IOException {
    Html h = view.html();
    h.raw("<p>").text(view.t("backup.intro")).raw("</p>");
    h.form(view.base(), "backup").hidden("action", "backup");
    h.input("backup-folder", view.t("backup.folder"), "folder", defaultFolder, "size='60' required");
    h.button(view.t("backup.run"), null, null).endForm();
    h.raw("<h2>").text(view.t("backup.restoreTitle")).raw("</h2><p>").text(view.t("backup.restore"))
        .raw("</p>");
  }

  @Override
  Outcome act(View view) {
    if (!"backup".equals(view.param("action"))) {
      return Outcome.error("error.unknownAction");
    }
    String folder = view.param("folder");
    Path target = folder == null ? defaultFolder : Path.of(folder);
    if (!target.isAbsolute()) {
      return Outcome.error("backup.absolute", folder);
    }
    Path made = maintenance.backup(target);
    store.inTransaction(uow -> {
      uow.audit(view.actor(), "store.backup", null, null, made.toString());
      return null;
    });
    return Outcome.done("backup.done", made.toString());
  }
}
