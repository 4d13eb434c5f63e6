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

/** {@link PartnerDirectory} on JDBC. */
@Component(service = PartnerDirectory.class)
public class JdbcPartnerDirectory implements PartnerDirectory {
  /** Keys appear in URLs, config files and the comma-separated rota column. */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final DataSource dataSource;
  private final Clock clock;

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
        + " AUTH_BASIC_USER, AUTH_PASSWORD_HASH, AUTH_SHARED_SECRET_HASH, UPDATED_AT, VERSION,"
        + " PARTNER_KEY, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        + " AUTH_SHARED_SECRET_HASH = ?, UPDATED_AT = ?, VERSION = ? WHERE PARTNER_KEY = ? AND VERSION = ?")) {
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
    List<PartnerEntry> l = load("WHERE p.PARTNER_KEY = ?", partnerKey);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  @Override
  public Optional<PartnerEntry> findByAgencyId(AgencyId id) {
    List<PartnerEntry> exact = load("WHERE p.ID = (SELECT PARTNER_ID FROM PARTNER_AGENCY_ID"
        + " WHERE SCHEME = ? AND ID_VALUE = ?)", id.scheme().name(), id.value());
    if (!exact.isEmpty() || id.scheme() != AgencyIdScheme.OTHER) {
      return exact.stream().findFirst();
    }
    List<PartnerEntry> byValue = load("WHERE p.ID IN (SELECT PARTNER_ID FROM PARTNER_AGENCY_ID"
        + " WHERE ID_VALUE = ?)", id.value());
    return byValue.size() == 1 ? Optional.of(byValue.get(0)) : Optional.empty();
  }

  @Override
  public List<PartnerEntry> list() {
    return load("", (Object[]) null);
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
      }
    } catch (SQLException e) {
      throw Jdbc.translate("deleting partner " + partnerKey, e);
    }
  }

  private List<PartnerEntry> load(String where, Object... params) {
    return JdbcTransactionStore.read(dataSource, "reading partners", c -> {
      Map<Long, PartnerEntry> entries = new LinkedHashMap<>();
      Map<Long, ResultRow> rows = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT p.* FROM PARTNER p " + where
          + " ORDER BY p.PARTNER_KEY")) {
        if (params != null) {
          for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getLong("ID"), ResultRow.of(rs));
          }
        }
      }
      for (Map.Entry<Long, ResultRow> r : rows.entrySet()) {
        entries.put(r.getKey(), r.getValue().toEntry(ids(c, r.getKey()), endpoints(c, r.getKey()),
            settings(c, r.getKey())));
      }
      return new ArrayList<>(entries.values());
    });
  }

  private static List<AgencyId> ids(Connection c, long partnerId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT SCHEME, ID_VALUE FROM PARTNER_AGENCY_ID WHERE PARTNER_ID = ? ORDER BY POSITION")) {
      ps.setLong(1, partnerId);
      try (ResultSet rs = ps.executeQuery()) {
        List<AgencyId> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(new AgencyId(AgencyIdScheme.valueOf(rs.getString(1)), rs.getString(2)));
        }
        return ids;
      }
    }
  }

  private static List<Endpoint> endpoints(Connection c, long partnerId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT URI, ACTIVE_FROM, ACTIVE_UNTIL FROM"
        + " PARTNER_ENDPOINT WHERE PARTNER_ID = ? ORDER BY POSITION")) {
      ps.setLong(1, partnerId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Endpoint> list = new ArrayList<>();
        while (rs.next()) {
          list.add(new Endpoint(URI.create(rs.getString(1)), instant(rs, "ACTIVE_FROM"),
              instant(rs, "ACTIVE_UNTIL")));
        }
        return list;
      }
    }
  }

  private static Map<String, String> settings(Connection c, long partnerId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT NAME, SETTING_VALUE FROM PARTNER_SETTING WHERE PARTNER_ID = ?")) {
      ps.setLong(1, partnerId);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, String> map = new LinkedHashMap<>();
        while (rs.next()) {
          map.put(rs.getString(1), rs.getString(2));
        }
        return map;
      }
    }
  }

  /** The PARTNER row, read before its children. */
  private record ResultRow(String key, String name, Protocol protocol, String dialect, int days,
      boolean blocked, boolean strict, boolean notes, boolean enabled, InboundAuth auth,
      Instant created, Instant updated, long version) {
    static ResultRow of(ResultSet rs) throws SQLException {
      String sources = rs.getString("AUTH_ALLOWED_SOURCES");
      return new ResultRow(rs.getString("PARTNER_KEY"), rs.getString("NAME"),
          Protocol.valueOf(rs.getString("PROTOCOL")), rs.getString("DIALECT_ID"),
          rs.getInt("DAYS_TO_RESPOND"), rs.getBoolean("BLOCKED"), rs.getBoolean("STRICT_PARSING"),
          rs.getBoolean("NOTES_ALLOWED"), rs.getBoolean("ENABLED"),
          new InboundAuth(sources == null ? List.of() : Arrays.asList(sources.split(" ")),
              rs.getString("AUTH_BASIC_USER"), rs.getString("AUTH_PASSWORD_HASH"),
              rs.getString("AUTH_SHARED_SECRET_HASH")),
          instant(rs, "CREATED_AT"), instant(rs, "UPDATED_AT"), rs.getLong("VERSION"));
    }

    PartnerEntry toEntry(List<AgencyId> ids, List<Endpoint> endpoints, Map<String, String> settings) {
      return new PartnerEntry(new Partner(key, name, ids, protocol, dialect, endpoints, days, blocked,
          strict, notes, enabled, settings), auth, created, updated, version);
    }
  }

}
