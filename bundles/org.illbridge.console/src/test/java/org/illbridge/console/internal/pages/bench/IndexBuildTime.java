package org.illbridge.console.internal.pages.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.illbridge.store.internal.DerbyDatabase;

/**
 * Times the build of the store's V5 search indexes on a loaded database (the upgrade cost of V5):
 * drops and re-creates each index, so the database ends as it was. Not a test. Argument: the
 * database folder, e.g. target/console-bench-1000000/db; run under the bench lock.
 */
public final class IndexBuildTime {
  public static void main(String[] args) throws Exception {
    String[][] ix = {
      {"IX_TX_REQ_PARTNER_STATE_CREATED", "REQ_PARTNER, STATE, CREATED_AT DESC, ID DESC"},
      {"IX_TX_SUP_PARTNER_STATE_CREATED", "SUP_PARTNER, STATE, CREATED_AT DESC, ID DESC"},
      {"IX_TX_REQ_PARTNER_CREATED", "REQ_PARTNER, CREATED_AT DESC, ID DESC"},
      {"IX_TX_SUP_PARTNER_CREATED", "SUP_PARTNER, CREATED_AT DESC, ID DESC"},
      {"IX_TX_STATE_CREATED", "STATE, CREATED_AT DESC, ID DESC"},
      {"IX_TX_CREATED_ID", "CREATED_AT DESC, ID DESC"}};
    try (DerbyDatabase db = DerbyDatabase.open(Path.of(args[0])); Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement()) {
      long all = 0;
      for (String[] i : ix) {
        st.execute("DROP INDEX " + i[0]);
        long t0 = System.nanoTime();
        st.execute("CREATE INDEX " + i[0] + " ON ILL_TRANSACTION (" + i[1] + ")");
        long t = System.nanoTime() - t0;
        all += t;
        System.out.printf("%-34s %6.1f s%n", i[0], t / 1e9);
      }
      System.out.printf("all six                            %6.1f s%n", all / 1e9);
    }
  }
}
