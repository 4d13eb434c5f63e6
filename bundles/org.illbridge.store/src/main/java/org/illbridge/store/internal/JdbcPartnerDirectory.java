package org.illbridge.store.internal;

import static org.illbridge.store.internal.Jdbc.instant;
import static org.illbridge.store.internal.Jdbc.setInstant;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link PartnerDirectory} on JDBC, with the whole directory cached in memory.
 *
 * <p>Every inbound and outbound message looks partners up (by agency id, then by key), and a
 * lookup from the tables costs four queries; the directory is small (one row per library the
 * bridge talks to) and changes only through {@link #save} and {@link #delete}. So reads are served
 * from an immutable snapshot of all partners, loaded in four queries, and every save or delete
 * through this instance drops the snapshot once its transaction has ended (committed or not).
 * A load that raced with a write is returned to its caller but not kept (the generation check),
 * so a lookup after {@code save} returns always sees the saved partner. Nothing else writes the
 * partner tables: the partners bundle's configuration files and the console go through this
 * service (one instance per database); a restore replaces the database before it is opened.
 */
@Component(service = PartnerDirectory.class)
public class JdbcPartnerDirectory implements PartnerDirectory {
  /** Keys appear in URLs, config files and the comma-separated rota column. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final DataSource dataSource;
  private final Clock clock;
  /** Guards {@link #generation} and {@link #cache} against a stale load replacing a newer drop. */
  private final Object cacheLock = new Object();
  private long generation;
  private volatile Snapshot cache;

  @Activate
  public JdbcPartnerDirectory(@Reference(target = "(illbridge.datasource=store)") DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public JdbcPartnerDirectory(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public PartnerEntry save(PartnerEntry entry, String actor) {
    Partner p = entry.partner();
    validate(p);
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long id;
        Instant created;
        if (entry.version() == 0) {
          id = insert(c, entry, now);
          created = now;
        } else {
          id = update(c, entry, now);
          created = entry.createdAt();
        }
        writeChildren(c, id, p);
        JdbcUnitOfWork.insertAudit(c, now, actor, entry.version() == 0 ? "partner.create" : "partner.update",
            null, p.key(), describe(p));
        c.commit();
        return new PartnerEntry(p, entry.inboundAuth(), created, now, entry.version() + 1);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        invalidate();
      }
    } catch (SQLException e) {
      StoreException se = Jdbc.translate("saving partner " + p.key(), e);
      if (se instanceof ConflictException) {
        throw new ConflictException("partner " + p.key()
            + " cannot be saved: its key or one of its agency ids already belongs to a partner", e);
      }
      throw se;
    }
  }

  private static void validate(Partner p) {
    if (!KEY.matcher(p.key()).matches()) {
      throw new IllegalArgumentException("partner key '" + p.key()
          + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (p.name() == null || p.name().isBlank()) {
      throw new IllegalArgumentException("partner " + p.key() + " needs a name");
    }
    if (p.ids().isEmpty()) {
      throw new IllegalArgumentException("partner " + p.key() + " needs at least one agency id");
    }
    if (new HashSet<>(p.ids()).size() != p.ids().size()) {
      throw new IllegalArgumentException("partner " + p.key() + " lists an agency id twice");
    }
    p.settings().forEach((name, value) -> {
      if (name.isBlank() || name.length() > 128) {
        throw new IllegalArgumentException("partner " + p.key() + ": setting name '" + name
            + "' must be 1-128 characters");
      }
      if (value.length() > 2000) {
        throw new IllegalArgumentException("partner " + p.key() + ": setting " + name
            + " is longer than 2000 characters");
      }
    });
    for (String lender : p.blockedLenders()) {
      if (!KEY.matcher(lender).matches()) {
        throw new IllegalArgumentException("partner " + p.key() + ": blocked lender '" + lender
            + "' is not a partner key (1-64 letters, digits, '.', '_' or '-')");
      }
    }
    if (String.join(" ", p.blockedLenders()).length() > 4000) {
      throw new IllegalArgumentException("partner " + p.key()
          + ": the blocked lenders list is longer than 4000 characters");
    }
    if (p.daysToRespond() < 0) {
      throw new IllegalArgumentException("days to respond must not be negative");
    }
    for (Endpoint e : p.endpoints()) {
      if (e.activeFrom() != null && e.activeUntil() != null && !e.activeFrom().isBefore(e.activeUntil())) {
        throw new IllegalArgumentException("endpoint " + e.uri() + " ends before it starts");
      }
    }
  }

  private static long insert(Connection c, PartnerEntry entry, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO PARTNER (NAME, PROTOCOL, DIALECT_ID,"
        + " DAYS_TO_RESPOND, BLOCKED, STRICT_PARSING, NOTES_ALLOWED, ENABLED, AUTH_ALLOWED_SOURCES,"
        + " AUTH_BASIC_USER, AUTH_PASSWORD_HASH, AUTH_SHARED_SECRET_HASH, BLOCKED_LENDERS, UPDATED_AT,"
        + " VERSION, PARTNER_KEY, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      int i = bind(ps, entry, now);
      ps.setString(i++, entry.key());
      setInstant(ps, i, now);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static long update(Connection c, PartnerEntry entry, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE PARTNER SET NAME = ?, PROTOCOL = ?,"
        + " DIALECT_ID = ?, DAYS_TO_RESPOND = ?, BLOCKED = ?, STRICT_PARSING = ?, NOTES_ALLOWED = ?,"
        + " ENABLED = ?, AUTH_ALLOWED_SOURCES = ?, AUTH_BASIC_USER = ?, AUTH_PASSWORD_HASH = ?,"
        + " AUTH_SHARED_SECRET_HASH = ?, BLOCKED_LENDERS = ?, UPDATED_AT = ?, VERSION = ? WHERE PARTNER_KEY = ? AND VERSION = ?")) {
      int i = bind(ps, entry, now);
      ps.setString(i++, entry.key());
      ps.setLong(i, entry.version());
      if (ps.executeUpdate() == 0) {
        throw new ConflictException("partner " + entry.key()
            + " was changed or deleted by someone else since it was read; reload and try again");
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM PARTNER WHERE PARTNER_KEY = ?")) {
      ps.setString(1, entry.key());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static int bind(PreparedStatement ps, PartnerEntry entry, Instant now) throws SQLException {
    Partner p = entry.partner();
    InboundAuth a = entry.inboundAuth();
    int i = 1;
    ps.setString(i++, p.name());
    ps.setString(i++, p.protocol().name());
    ps.setString(i++, p.dialectId());
    ps.setInt(i++, p.daysToRespond());
    ps.setBoolean(i++, p.blocked());
    ps.setBoolean(i++, p.strictParsing());
    ps.setBoolean(i++, p.notesAllowed());
    ps.setBoolean(i++, p.enabled());
    ps.setString(i++, a.allowedSources().isEmpty() ? null : String.join(" ", a.allowedSources()));
    ps.setString(i++, a.basicAuthUser());
    ps.setString(i++, a.passwordHash());
    ps.setString(i++, a.sharedSecretHash());
    ps.setString(i++, p.blockedLenders().isEmpty() ? null : String.join(" ", p.blockedLenders()));
    setInstant(ps, i++, now);
    ps.setLong(i++, entry.version() + 1);
    return i;
  }

  private static void writeChildren(Connection c, long id, Partner p) throws SQLException {
    for (String table : List.of("PARTNER_AGENCY_ID", "PARTNER_ENDPOINT", "PARTNER_SETTING")) {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE PARTNER_ID = ?")) {
        del.setLong(1, id);
        del.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO PARTNER_AGENCY_ID (PARTNER_ID, POSITION, SCHEME, ID_VALUE) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < p.ids().size(); i++) {
        ps.setLong(1, id);
        ps.setInt(2, i);
        ps.setString(3, p.ids().get(i).scheme().name());
        ps.setString(4, p.ids().get(i).value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO PARTNER_ENDPOINT (PARTNER_ID, POSITION,"
        + " URI, ACTIVE_FROM, ACTIVE_UNTIL) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < p.endpoints().size(); i++) {
        Endpoint e = p.endpoints().get(i);
        ps.setLong(1, id);
        ps.setInt(2, i);
        ps.setString(3, e.uri().toString());
        setInstant(ps, 4, e.activeFrom());
        setInstant(ps, 5, e.activeUntil());
        ps.addBatch();
      }
      if (!p.endpoints().isEmpty()) {
        ps.executeBatch();
      }
    }
    if (!p.settings().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO PARTNER_SETTING (PARTNER_ID, NAME, SETTING_VALUE) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, String> s : p.settings().entrySet()) {
          ps.setLong(1, id);
          ps.setString(2, s.getKey());
          ps.setString(3, s.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static String describe(Partner p) {
    return p.name() + " " + p.ids() + " " + p.protocol() + "/" + p.dialectId()
        + (p.blocked() ? " blocked" : "") + (p.enabled() ? "" : " disabled")
        + (p.settings().isEmpty() ? "" : " settings " + p.settings());
  }

  @Override
  public Optional<PartnerEntry> get(String partnerKey) {
    return Optional.ofNullable(snapshot().byKey().get(partnerKey));
  }

  @Override
  public Optional<PartnerEntry> findByAgencyId(AgencyId id) {
    Snapshot s = snapshot();
    PartnerEntry exact = s.byId().get(id);
    if (exact != null || id.scheme() != AgencyIdScheme.OTHER) {
      return Optional.ofNullable(exact);
    }
    // A bare value (scheme OTHER) matches a partner known by that value under any scheme, when
    // exactly one partner is.
    List<PartnerEntry> byValue = s.byValue().getOrDefault(id.value(), List.of());
    return byValue.size() == 1 ? Optional.of(byValue.get(0)) : Optional.empty();
  }

  @Override
  public List<PartnerEntry> list() {
    return snapshot().all();
  }

  @Override
  public boolean delete(String partnerKey, String actor) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM PARTNER WHERE PARTNER_KEY = ?")) {
        ps.setString(1, partnerKey);
        boolean deleted = ps.executeUpdate() > 0;
        if (deleted) {
          JdbcUnitOfWork.insertAudit(c, clock.instant(), actor, "partner.delete", null, partnerKey, null);
        }
        c.commit();
        return deleted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        invalidate();
      }
    } catch (SQLException e) {
      throw Jdbc.translate("deleting partner " + partnerKey, e);
    }
  }

  /** Drops the cached directory; called after every write through this instance. */
  private void invalidate() {
    synchronized (cacheLock) {
      generation++;
      cache = null;
    }
  }

  private Snapshot snapshot() {
    Snapshot s = cache;
    if (s != null) {
      return s;
    }
    long loadedAt;
    synchronized (cacheLock) {
      loadedAt = generation;
    }
    s = Snapshot.of(loadAll());
    synchronized (cacheLock) {
      if (generation == loadedAt) { // no write ended while loading: the load is current
        cache = s;
      }
    }
    return s;
  }

  /** Every partner, ordered by key, in four queries whatever the number of partners. */
  private List<PartnerEntry> loadAll() {
    return JdbcTransactionStore.read(dataSource, "reading partners", c -> {
      Map<Long, ResultRow> rows = new LinkedHashMap<>();
      Map<Long, List<AgencyId>> ids = new HashMap<>();
      Map<Long, List<Endpoint>> endpoints = new HashMap<>();
      Map<Long, Map<String, String>> settings = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM PARTNER ORDER BY PARTNER_KEY");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong("ID"), ResultRow.of(rs));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT PARTNER_ID, SCHEME, ID_VALUE FROM PARTNER_AGENCY_ID ORDER BY PARTNER_ID, POSITION");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new AgencyId(AgencyIdScheme.valueOf(rs.getString(2)), rs.getString(3)));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT PARTNER_ID, URI, ACTIVE_FROM, ACTIVE_UNTIL"
          + " FROM PARTNER_ENDPOINT ORDER BY PARTNER_ID, POSITION");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          endpoints.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Endpoint(URI.create(rs.getString(2)), instant(rs, "ACTIVE_FROM"),
                  instant(rs, "ACTIVE_UNTIL")));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT PARTNER_ID, NAME, SETTING_VALUE FROM PARTNER_SETTING");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          settings.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        }
      }
      List<PartnerEntry> entries = new ArrayList<>(rows.size());
      for (Map.Entry<Long, ResultRow> r : rows.entrySet()) {
        entries.add(r.getValue().toEntry(ids.getOrDefault(r.getKey(), List.of()),
            endpoints.getOrDefault(r.getKey(), List.of()), settings.getOrDefault(r.getKey(), Map.of())));
      }
      return entries;
    });
  }

  /** The whole directory at one moment, with the indexes lookups use; never modified. */
  private record Snapshot(List<PartnerEntry> all, Map<String, PartnerEntry> byKey,
      Map<AgencyId, PartnerEntry> byId, Map<String, List<PartnerEntry>> byValue) {
    static Snapshot of(List<PartnerEntry> all) {
      Map<String, PartnerEntry> byKey = new HashMap<>();
      Map<AgencyId, PartnerEntry> byId = new HashMap<>();
      Map<String, List<PartnerEntry>> byValue = new HashMap<>();
      for (PartnerEntry e : all) {
        byKey.put(e.key(), e);
        for (AgencyId id : e.partner().ids()) {
          byId.putIfAbsent(id, e);
          List<PartnerEntry> same = byValue.computeIfAbsent(id.value(), k -> new ArrayList<>());
          if (same.isEmpty() || same.get(same.size() - 1) != e) { // known by it twice: counts once
            same.add(e);
          }
        }
      }
      return new Snapshot(List.copyOf(all), byKey, byId, byValue);
    }
  }

  /** The PARTNER row, read before its children. */
  private record ResultRow(String key, String name, Protocol protocol, String dialect, int days,
      boolean blocked, boolean strict, boolean notes, boolean enabled, InboundAuth auth,
      List<String> blockedLenders, Instant created, Instant updated, long version) {
    static ResultRow of(ResultSet rs) throws SQLException {
      String sources = rs.getString("AUTH_ALLOWED_SOURCES");
      String blockedLenders = rs.getString("BLOCKED_LENDERS");
      return new ResultRow(rs.getString("PARTNER_KEY"), rs.getString("NAME"),
          Protocol.valueOf(rs.getString("PROTOCOL")), rs.getString("DIALECT_ID"),
          rs.getInt("DAYS_TO_RESPOND"), rs.getBoolean("BLOCKED"), rs.getBoolean("STRICT_PARSING"),
          rs.getBoolean("NOTES_ALLOWED"), rs.getBoolean("ENABLED"),
          new InboundAuth(sources == null ? List.of() : Arrays.asList(sources.split(" ")),
              rs.getString("AUTH_BASIC_USER"), rs.getString("AUTH_PASSWORD_HASH"),
              rs.getString("AUTH_SHARED_SECRET_HASH")),
          blockedLenders == null ? List.of() : Arrays.asList(blockedLenders.split(" ")),
          instant(rs, "CREATED_AT"), instant(rs, "UPDATED_AT"), rs.getLong("VERSION"));
    }

    PartnerEntry toEntry(List<AgencyId> ids, List<Endpoint> endpoints, Map<String, String> settings) {
      return new PartnerEntry(new Partner(key, name, ids, protocol, dialect, endpoints, days, blocked,
          strict, notes, enabled, settings, blockedLenders), auth, created, updated, version);
    }
  }

}
