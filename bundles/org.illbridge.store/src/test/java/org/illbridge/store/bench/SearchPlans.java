package org.illbridge.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Shows the plans Derby runs for SQL statements (not a test; a tool for tuning the store's
 * queries). Opens (and migrates) the database in {@code bench.dir}, loads {@code
 * bench.transactions} rows with {@link StoreLoad#load} unless they are there already (so it can be
 * re-run on the same data), then runs each statement of the file given as first argument (one a
 * line: {@code SQL | param | param ...}, parameters as strings) a few times with Derby's runtime
 * statistics on, and prints the time and the plan of the last run.
 */
public final class SearchPlans {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("bench.dir", "target/plan-db"));
    int total = Integer.getInteger("bench.transactions", 100_000);
    StringBuilder report = new StringBuilder();
    try (org.illbridge.store.internal.DerbyDatabase db = org.illbridge.store.internal.DerbyDatabase.open(dir)) {
      long rows;
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ILL_TRANSACTION")) {
        rs.next();
        rows = rs.getLong(1);
      }
      if (rows < total) {
        StoreLoad.load(db, total, report);
      }
      List<String> lines = args.length == 0 ? List.of() : Files.readAllLines(Path.of(args[0]));
      try (Connection c = db.dataSource().getConnection()) {
        try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)")) {
          cs.execute();
        }
        for (String line : lines) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] parts = line.split("\\|");
          String sql = parts[0].trim();
          long best = Long.MAX_VALUE;
          int n = 0;
          for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              for (int i = 1; i < parts.length; i++) {
                ps.setString(i, parts[i].trim());
              }
              n = 0;
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  n++;
                }
              }
            }
            best = Math.min(best, System.nanoTime() - t0);
          }
          String plan;
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
            rs.next();
            plan = rs.getString(1);
          }
          report.append(String.format("%n=== %s%n%d rows, best of 5: %.2f ms%n%s%n", line, n, best / 1e6, plan));
        }
      }
    }
    System.out.print(report);
  }

  private SearchPlans() {}
}
