package org.illbridge.store.internal;

import static org.illbridge.store.internal.StoreFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.StoreMaintenance.RetentionResult;
import org.illbridge.api.store.TransactionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionAndBackupTest {
  static final String NAME = "Wilhelmina Q. Patronsdottir";
  static final String PATRON_ID = "PATRON-77123";
  @TempDir Path tmp;
  StoreFixture f;
  JdbcStoreMaintenance maintenance;

  @BeforeEach
  void open() {
    f = new StoreFixture(tmp.resolve("db"));
    maintenance = new JdbcStoreMaintenance(f.db.dataSource(), f.clock, Duration.ofDays(90));
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** A request carrying the patron, as the engine stores it: everywhere it can end up. */
  String requestWithPatron(String name, String patronId) {
    return f.store.inTransaction(uow -> {
      String xml = "<request><patron><name>" + name + "</name><id>" + patronId + "</id></patron></request>";
      var logged = uow.logMessage(new NewMessage(null, "home", Direction.INBOUND, Protocol.ISO18626,
          MessageType.REQUEST, "d-" + patronId.hashCode(), xml.getBytes(StandardCharsets.UTF_8),
          "request for " + name, true, uow.now(), uow.now(), null, List.of("patron " + name + " normalised")));
      TransactionRecord t = uow.createTransaction(request("R-" + patronId.hashCode(), "home", "ubc"));
      uow.setMessageResult(logged.messageId(), t.bridgeKey(), "accepted", null);
      uow.savePatron(t.bridgeKey(), new Patron(patronId, name, "faculty"));
      byte[] ber = ("BER...patron-name=" + name).getBytes(StandardCharsets.UTF_16BE);
      uow.enqueue(new NewOutboxItem(t.bridgeKey(), "ubc", null, MessageType.REQUEST, "ber", ber, true, null, null));
      uow.logMessage(new NewMessage(t.bridgeKey(), "ubc", Direction.OUTBOUND, Protocol.ISO10161,
          MessageType.REQUEST, null, ber, "request", true, null, uow.now(), "sent", null));
      return t.bridgeKey();
    });
  }

  void close(String key, TransactionState state) {
    f.store.inTransaction(uow -> uow.updateTransaction(uow.lockTransaction(key).orElseThrow().withState(state)));
  }

  @Test
  void nothingOfThePatronRemainsAfterRetention() throws Exception {
    String closed = requestWithPatron(NAME, PATRON_ID);
    String open = requestWithPatron("Kept Person", "PATRON-KEEP");
    close(closed, TransactionState.LOAN_COMPLETED);
    assertTrue(occurrences(NAME).size() >= 4, "the name is stored before: " + occurrences(NAME));

    f.clock.advance(Duration.ofDays(89));
    assertEquals(new RetentionResult(0, 0, 0), maintenance.purgeExpired(f.clock.instant()),
        "nothing is purged before the retention period ends");
    assertFalse(occurrences(NAME).isEmpty());

    f.clock.advance(Duration.ofDays(2));
    RetentionResult result = maintenance.purgeExpired(f.clock.instant());
    assertEquals(new RetentionResult(1, 2, 1), result);
    assertEquals(List.of(), occurrences(NAME), "patron name must be gone from every table");
    assertEquals(List.of(), occurrences(PATRON_ID), "patron id must be gone from every table");
    assertTrue(f.store.patron(closed).isEmpty());
    var messages = f.store.messages(closed);
    assertTrue(messages.stream().allMatch(m -> m.redacted()));
    assertTrue(new String(f.store.rawMessage(messages.get(0).id()).orElseThrow(), StandardCharsets.UTF_8)
        .startsWith("[ILL Bridge: redacted"));
    assertEquals(OutboxStatus.DISCARDED, f.outbox.list(new org.illbridge.api.store.OutboxQuery(
        null, null, closed, 10, null)).items().get(0).status(), "never send a redaction marker");

    // The open transaction keeps everything; the transaction itself and its history remain.
    assertFalse(occurrences("Kept Person").isEmpty());
    assertEquals("Kept Person", f.store.patron(open).orElseThrow().name());
    assertEquals(TransactionState.LOAN_COMPLETED, f.store.find(closed).orElseThrow().state());
    assertEquals(new RetentionResult(0, 0, 0), maintenance.purgeExpired(f.clock.instant()), "idempotent");
  }

  /** Every character and binary cell of every table that contains {@code value}. */
  List<String> occurrences(String value) throws Exception {
    List<String> hits = new ArrayList<>();
    List<byte[]> needles = List.of(value.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_16BE), value.getBytes(StandardCharsets.UTF_16LE));
    try (Connection c = f.db.dataSource().getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "APP", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertTrue(tables.size() >= 9, tables.toString());
      for (String table : tables) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          var md = rs.getMetaData();
          while (rs.next()) {
            for (int col = 1; col <= md.getColumnCount(); col++) {
              int type = md.getColumnType(col);
              byte[] cell;
              if (type == Types.BLOB || type == Types.VARBINARY || type == Types.LONGVARBINARY
                  || type == Types.BINARY) {
                cell = rs.getBytes(col);
              } else {
                String s = rs.getString(col);
                cell = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
              }
              if (cell != null && needles.stream().anyMatch(n -> indexOf(cell, n) >= 0)) {
                hits.add(table + "." + md.getColumnName(col));
              }
            }
          }
        }
      }
    }
    return hits;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void onlineBackupRestoresToTheStateAtBackupTime() throws Exception {
    String before = requestWithPatron("A", "P-A");
    Path backup = maintenance.backup(tmp.resolve("backups"));
    assertTrue(Files.isDirectory(backup.resolve("seg0")), "a Derby database directory: " + backup);
    String after = requestWithPatron("B", "P-B");
    f.close();

    try (DerbyDatabase restored = DerbyDatabase.open(tmp.resolve("db"), backup)) {
      JdbcTransactionStore store = new JdbcTransactionStore(restored.dataSource(), f.clock);
      assertTrue(store.find(before).isPresent());
      assertTrue(store.find(after).isEmpty(), "work after the backup is not in it");
    }
    // Reopening normally afterwards keeps the restored state.
    f = new StoreFixture(tmp.resolve("db"));
    assertTrue(f.store.find(before).isPresent());
    assertTrue(f.store.find(after).isEmpty());
  }
}
