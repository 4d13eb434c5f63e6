package org.illbridge.console.internal.pages;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.AuditEntry;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.TimerRecord;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.store.UnitOfWork;
import org.illbridge.api.engine.EngineActions;

/** In-memory fakes of the servlet API and of the store and engine SPIs, for the page tests. */
public final class Fakes {
  private Fakes() {}

  static <T> T unsupported(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type},
        (p, m, a) -> {
          throw new UnsupportedOperationException(m.getName());
        }));
  }

  public static final class Request extends HttpServletRequestWrapper {
    final Map<String, List<String>> params = new LinkedHashMap<>();
    final Map<String, String> headers = new HashMap<>();
    final Map<String, Object> attributes = new HashMap<>();
    final List<Cookie> cookies = new ArrayList<>();
    String method = "GET";
    Session session = new Session();

    public Request() {
      super(unsupported(HttpServletRequest.class));
      session.attributes.put("org.illbridge.console.csrf", "TOKEN123");
    }

    public Request param(String name, String value) {
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    Request post() {
      method = "POST";
      return this;
    }

    @Override public String getMethod() { return method; }
    @Override public String getParameter(String name) { List<String> v = params.get(name); return v == null ? null : v.get(0); }
    @Override public String[] getParameterValues(String name) { List<String> v = params.get(name); return v == null ? null : v.toArray(String[]::new); }
    @Override public String getHeader(String name) { return headers.get(name); }
    @Override public Cookie[] getCookies() { return cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new); }
    @Override public String getContextPath() { return ""; }
    @Override public String getServletPath() { return "/system/console"; }
    @Override public String getPathInfo() { return null; }
    @Override public String getRemoteUser() { return "alice"; }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public HttpSession getSession(boolean create) { return session; }
  }

  static final class Session implements HttpSession {
    final Map<String, Object> attributes = new HashMap<>();
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void removeAttribute(String name) { attributes.remove(name); }
    @Override public java.util.Enumeration<String> getAttributeNames() { return java.util.Collections.enumeration(attributes.keySet()); }
    @Override public void invalidate() {}
    @Override public void setMaxInactiveInterval(int interval) {}
    @Override public int getMaxInactiveInterval() { return 0; }
    @Override public long getCreationTime() { return 0; }
    @Override public String getId() { return "s"; }
    @Override public long getLastAccessedTime() { return 0; }
    @Override public jakarta.servlet.ServletContext getServletContext() { return null; }
    @Override public boolean isNew() { return false; }
  }

  public static final class Response extends HttpServletResponseWrapper {
    final StringWriter body = new StringWriter();
    final PrintWriter writer = new PrintWriter(body);
    final Map<String, String> headers = new HashMap<>();
    final List<Cookie> cookies = new ArrayList<>();
    int status = 200;
    String contentType;

    Response() {
      super(unsupported(HttpServletResponse.class));
    }

    String text() {
      writer.flush();
      return body.toString();
    }

    @Override public PrintWriter getWriter() { return writer; }
    @Override public void setStatus(int sc) { status = sc; }
    @Override public int getStatus() { return status; }
    @Override public void setHeader(String name, String value) { headers.put(name, value); }
    @Override public String getHeader(String name) { return headers.get(name); }
    @Override public void addCookie(Cookie cookie) { cookies.add(cookie); }
    @Override public boolean isCommitted() { return false; }
    @Override public void setContentType(String type) { contentType = type; }
    @Override public String getContentType() { return contentType; }
  }

  /** Renders a page's content for a request. */
  public static String render(org.apache.felix.webconsole.servlet.AbstractServlet page, Request request) throws Exception {
    Response response = new Response();
    page.renderContent(request, response);
    return response.text();
  }

  /** Posts to a page; returns the redirect target. */
  static String post(ConsolePage page, Request request) throws Exception {
    Response response = new Response();
    request.post();
    page.doPost(request, response);
    if (response.status != 303) {
      throw new AssertionError("expected 303, got " + response.status);
    }
    return java.net.URLDecoder.decode(response.headers.get("Location"), java.nio.charset.StandardCharsets.UTF_8);
  }

  // --- store ---------------------------------------------------------------------------------------

  static final class Store implements TransactionStore {
    final Map<String, TransactionRecord> transactions = new LinkedHashMap<>();
    final Map<String, List<MessageRecord>> messages = new HashMap<>();
    final Map<Long, byte[]> raw = new HashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final List<String> cancelledTimers = new ArrayList<>();
    final AtomicLong ids = new AtomicLong();
    TransactionQuery lastQuery;
    long[] perMinute;

    TransactionRecord add(String key, TransactionState state, String requester, String supplier, Instant created) {
      TransactionRecord r = new TransactionRecord(key,
          new org.illbridge.api.store.TransactionSide(requester, requester == null ? AgencyId.parse("ISIL:XX-UNKNOWN") : null, "R-" + key, key),
          new org.illbridge.api.store.TransactionSide(supplier, null, key + "-1", null), state,
          org.illbridge.api.model.ServiceType.LOAN, "Moby Dick / Melville", List.of(supplier == null ? "x" : supplier), 0, null,
          created, created, null, 1);
      transactions.put(key, r);
      return r;
    }

    MessageRecord log(String key, org.illbridge.api.store.Direction dir, org.illbridge.api.model.Protocol protocol,
        MessageType type, byte[] bytes, String result) {
      long id = ids.incrementAndGet();
      MessageRecord m = new MessageRecord(id, key, "ubc", dir, protocol, type, null, bytes.length, "summary " + type,
          false, false, null, Instant.parse("2025-03-01T10:00:00Z").plusSeconds(id), result, List.of(), 0, null);
      messages.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
      raw.put(id, bytes);
      return m;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
      UnitOfWork uow = (UnitOfWork) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {UnitOfWork.class},
          (p, m, a) -> switch (m.getName()) {
            case "lockTransaction" -> Optional.ofNullable(transactions.get((String) a[0]));
            case "updateTransaction" -> {
              TransactionRecord r = (TransactionRecord) a[0];
              transactions.put(r.bridgeKey(), r);
              yield r;
            }
            case "cancelTimers" -> {
              cancelledTimers.add((String) a[0]);
              yield 1;
            }
            case "audit" -> {
              audit.add(0, new AuditEntry(ids.incrementAndGet(), Instant.now(), (String) a[0], (String) a[1], (String) a[2],
                  (String) a[3], (String) a[4]));
              yield null;
            }
            case "now" -> Instant.now();
            default -> throw new UnsupportedOperationException(m.getName());
          });
      try {
        return work.run(uow);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new org.illbridge.api.store.StoreException(e.getMessage(), e);
      }
    }

    @Override public Optional<TransactionRecord> find(String bridgeKey) { return Optional.ofNullable(transactions.get(bridgeKey)); }

    @Override
    public Page<TransactionRecord> search(TransactionQuery q) {
      lastQuery = q;
      List<TransactionRecord> all = transactions.values().stream()
          .filter(r -> q.anyId() == null || r.bridgeKey().equals(q.anyId()) || q.anyId().equals(r.requester().requesterTxId()))
          .filter(r -> q.partnerKey() == null || q.partnerKey().equals(r.requester().partnerKey()) || q.partnerKey().equals(r.supplier().partnerKey()))
          .filter(r -> q.states().isEmpty() || q.states().contains(r.state()))
          .filter(r -> q.createdFrom() == null || !r.createdAt().isBefore(q.createdFrom()))
          .filter(r -> q.createdBefore() == null || r.createdAt().isBefore(q.createdBefore()))
          .sorted(Comparator.comparing(TransactionRecord::createdAt).reversed()).toList();
      int start = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
      int end = Math.min(all.size(), start + q.limit());
      return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
    }

    @Override public List<MessageRecord> messages(String bridgeKey) { return messages.getOrDefault(bridgeKey, List.of()); }
    @Override public Optional<byte[]> rawMessage(long messageId) { return Optional.ofNullable(raw.get(messageId)); }
    @Override public Optional<Patron> patron(String bridgeKey) { return Optional.empty(); }
    @Override public List<TimerRecord> dueTimers(Instant now, int limit) { return List.of(); }

    @Override
    public Page<AuditEntry> audit(String bridgeKey, String partnerKey, int limit, String cursor) {
      List<AuditEntry> all = audit.stream().filter(e -> bridgeKey == null || bridgeKey.equals(e.bridgeKey()))
          .filter(e -> partnerKey == null || partnerKey.equals(e.partnerKey())).toList();
      int start = cursor == null ? 0 : Integer.parseInt(cursor);
      int end = Math.min(all.size(), start + limit);
      return new Page<>(all.subList(start, end), end < all.size() ? Integer.toString(end) : null);
    }

    int perMinuteCalls;
    int countOpenCalls;

    @Override
    public long[] messagesPerMinute(Instant from, int minutes) {
      perMinuteCalls++;
      if (perMinute == null) {
        throw new UnsupportedOperationException();
      }
      return perMinute;
    }

    @Override
    public Map<TransactionState, Long> countOpenByState() {
      countOpenCalls++;
      Map<TransactionState, Long> m = new EnumMap<>(TransactionState.class);
      transactions.values().stream().filter(r -> !r.state().isTerminal()).forEach(r -> m.merge(r.state(), 1L, Long::sum));
      return m;
    }
  }

  static final class Directory implements PartnerDirectory {
    final Map<String, PartnerEntry> entries = new TreeMap<>();
    final List<String> actors = new ArrayList<>();

    @Override
    public PartnerEntry save(PartnerEntry e, String actor) {
      PartnerEntry old = entries.get(e.key());
      if ((old == null && e.version() != 0) || (old != null && old.version() != e.version())) {
        throw new ConflictException("partner " + e.key() + " changed or exists");
      }
      if (e.partner().ids().isEmpty()) {
        throw new IllegalArgumentException("no agency id");
      }
      PartnerEntry saved = new PartnerEntry(e.partner(), e.inboundAuth(), Instant.now(), Instant.now(), e.version() + 1);
      entries.put(e.key(), saved);
      actors.add(actor);
      return saved;
    }

    @Override public Optional<PartnerEntry> get(String key) { return Optional.ofNullable(entries.get(key)); }
    @Override public Optional<PartnerEntry> findByAgencyId(AgencyId id) { return Optional.empty(); }
    @Override public List<PartnerEntry> list() { return new ArrayList<>(entries.values()); }
    @Override public boolean delete(String key, String actor) { return entries.remove(key) != null; }
  }

  static final class Box implements Outbox {
    final Map<Long, OutboxItem> rows = new TreeMap<>();
    final List<String> calls = new ArrayList<>();

    OutboxItem add(long id, String tx, String partner, OutboxStatus status, int attempts, String error) {
      OutboxItem i = new OutboxItem(id, tx, partner, null, MessageType.REQUEST, "json", null, false, null, status, attempts,
          Instant.now(), Instant.now(), null, null, null, error);
      rows.put(id, i);
      return i;
    }

    @Override public List<OutboxItem> claimDue(Instant now, int max, int l, Map<String, Integer> f, java.time.Duration d) { return List.of(); }
    @Override public boolean markDelivered(long id, Instant now) { return false; }
    @Override public boolean markRetry(long id, String e, Instant n, boolean c, Instant now) { return false; }
    @Override public boolean markDead(long id, String error, Instant now) { return false; }
    @Override public int releaseHeld(Instant now) { return 0; }

    @Override
    public boolean resend(long id, String actor) {
      calls.add("resend " + id + " by " + actor);
      OutboxItem i = rows.get(id);
      return i != null && (i.status() == OutboxStatus.DEAD || i.status() == OutboxStatus.DISCARDED);
    }

    @Override
    public boolean discard(long id, String actor) {
      calls.add("discard " + id + " by " + actor);
      OutboxItem i = rows.get(id);
      return i != null && i.status() == OutboxStatus.DEAD;
    }

    @Override public OutboxItem get(long id) { return rows.get(id); }

    @Override
    public Page<OutboxItem> list(OutboxQuery q) {
      return new Page<>(rows.values().stream().filter(r -> q.status() == null || r.status() == q.status())
          .filter(r -> q.partnerKey() == null || q.partnerKey().equals(r.partnerKey()))
          .filter(r -> q.bridgeKey() == null || q.bridgeKey().equals(r.bridgeKey())).limit(q.limit()).toList(), null);
    }

    @Override
    public Map<OutboxStatus, Long> countByStatus() {
      Map<OutboxStatus, Long> m = new EnumMap<>(OutboxStatus.class);
      rows.values().forEach(r -> m.merge(r.status(), 1L, Long::sum));
      return m;
    }
  }

  static final class Engine implements EngineActions {
    final List<String> calls = new ArrayList<>();
    RepeatResult repeat = RepeatResult.QUEUED;

    @Override
    public RepeatResult repeatLastMessage(String bridgeKey, String actor) {
      calls.add("repeat " + bridgeKey + " by " + actor);
      return repeat;
    }

    @Override
    public boolean acceptReview(String bridgeKey, String partnerKey, String actor) {
      calls.add("accept " + bridgeKey + " as " + partnerKey + " by " + actor);
      return true;
    }

    @Override
    public boolean rejectReview(String bridgeKey, String reason, String actor) {
      calls.add("reject " + bridgeKey + " (" + reason + ") by " + actor);
      return true;
    }

    @Override
    public boolean rejectReview(String bridgeKey, String reason, String partnerKey, String actor) {
      calls.add("reject " + bridgeKey + " (" + reason + ") refusal to " + partnerKey + " by " + actor);
      return true;
    }

    @Override
    public org.illbridge.api.transport.InboundResult handle(
        org.illbridge.api.transport.InboundMessage message, AuditLine audit) {
      throw new UnsupportedOperationException("the console sends no messages through the engine");
    }
  }
}
