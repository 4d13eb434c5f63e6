package org.illbridge.store.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;

/** A real embedded Derby database in a temp directory, with the store classes built by hand. */
final class StoreFixture implements AutoCloseable {
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  final DerbyDatabase db;
  final JdbcTransactionStore store;
  final JdbcOutbox outbox;

  StoreFixture(Path dir) {
    db = DerbyDatabase.open(dir);
    store = new JdbcTransactionStore(db.dataSource(), clock);
    outbox = new JdbcOutbox(db.dataSource(), clock);
  }

  static TransactionRecord request(String reqTxId, String requester, String supplier) {
    return TransactionRecord.newTransaction(null,
        new TransactionSide(requester, AgencyId.parse("NUC:" + requester.toUpperCase()), reqTxId, null),
        new TransactionSide(supplier, null, null, null),
        TransactionState.REQUESTED, ServiceType.LOAN, "Moby Dick / Melville",
        List.of(supplier, "backup"));
  }

  static NewMessage inbound(String partner, String dedupeKey, String raw, Instant at) {
    return new NewMessage(null, partner, Direction.INBOUND, Protocol.ISO18626, MessageType.REQUEST,
        dedupeKey, raw.getBytes(StandardCharsets.UTF_8), "request", false, at, at, null, List.of());
  }

  static NewOutboxItem outbound(String bridgeKey, String partner, String payload) {
    return new NewOutboxItem(bridgeKey, partner, null, MessageType.REQUEST, "text/plain",
        payload.getBytes(StandardCharsets.UTF_8), false, null, null);
  }

  long count(String table) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
