package org.illbridge.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.Patron;
import org.illbridge.api.store.AuditEntry;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.LoggedMessage;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.Outbox;
import org.illbridge.api.store.OutboxDelivery;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TimerRecord;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.store.UnitOfWork;

/**
 * An in-memory implementation of the store SPIs for the engine's tests: one lock, and a snapshot
 * restored when a unit of work throws, so "all or nothing" is observable. Not thread-fast, just
 * correct enough to test against.
 */
final class MemoryStore implements TransactionStore, PartnerDirectory, Outbox {

  private final FakeClock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private State state = new State();
  /** Set to make the next unit of work fail at commit (simulates the database going away). */
  volatile boolean failNextCommit;
  /** The next {@link UnitOfWork#markDelivered} throws (its unit of work rolls back). */
  volatile boolean failNextMarkDelivered;

  MemoryStore(FakeClock clock) {
    this.clock = clock;
  }

  private static final class State {
    TreeMap<String, PartnerEntry> partners = new TreeMap<>();
    LinkedHashMap<String, TransactionRecord> txs = new LinkedHashMap<>();
    List<MessageRecord> messages = new ArrayList<>();
    Map<Long, byte[]> raw = new HashMap<>();
    Map<String, Patron> patrons = new HashMap<>();
    TreeMap<Long, OutboxItem> outbox = new TreeMap<>();
    TreeMap<Long, TimerRecord> timers = new TreeMap<>();
    List<AuditEntry> audit = new ArrayList<>();
    long seq = 1;

    State copy() {
      State s = new State();
      s.partners = new TreeMap<>(partners);
      s.txs = new LinkedHashMap<>(txs);
      s.messages = new ArrayList<>(messages);
      s.raw = new HashMap<>(raw);
      s.patrons = new HashMap<>(patrons);
      s.outbox = new TreeMap<>(outbox);
      s.timers = new TreeMap<>(timers);
      s.audit = new ArrayList<>(audit);
      s.seq = seq;
      return s;
    }
  }

  // --- TransactionStore ---------------------------------------------------------------------

  @Override
  public <T> T inTransaction(Work<T> work) {
    lock.lock();
    State before = state.copy();
    try {
      T result = work.run(new Uow());
      if (failNextCommit) {
        failNextCommit = false;
        throw new StoreException("simulated commit failure");
      }
      return result;
    } catch (RuntimeException e) {
      state = before;
      throw e;
    } catch (Exception e) {
      state = before;
      throw new StoreException("work failed", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<TransactionRecord> find(String bridgeKey) {
    return locked(() -> Optional.ofNullable(state.txs.get(bridgeKey)));
  }

  @Override
  public long countSuppliedSince(String supplierPartnerKey, Instant since) {
    return locked(() -> state.txs.values().stream()
        .filter(t -> supplierPartnerKey.equals(t.supplier().partnerKey()) && !t.createdAt().isBefore(since))
        .count());
  }

  @Override
  public Page<TransactionRecord> search(TransactionQuery query) {
    return locked(() -> new Page<>(state.txs.values().stream()
        .filter(t -> query.states().isEmpty() || query.states().contains(t.state()))
        .collect(Collectors.toList()), null));
  }

  @Override
  public List<MessageRecord> messages(String bridgeKey) {
    return locked(() -> state.messages.stream().filter(m -> bridgeKey.equals(m.bridgeKey()))
        .collect(Collectors.toList()));
  }

  @Override
  public Optional<byte[]> rawMessage(long messageId) {
    return locked(() -> Optional.ofNullable(state.raw.get(messageId)));
  }

  @Override
  public Optional<Patron> patron(String bridgeKey) {
    return locked(() -> Optional.ofNullable(state.patrons.get(bridgeKey)));
  }

  @Override
  public List<TimerRecord> dueTimers(Instant now, int limit) {
    return locked(() -> state.timers.values().stream().filter(t -> !t.dueAt().isAfter(now))
        .sorted(Comparator.comparing(TimerRecord::dueAt)).limit(limit).collect(Collectors.toList()));
  }

  @Override
  public Page<AuditEntry> audit(String bridgeKey, String partnerKey, int limit, String cursor) {
    return locked(() -> new Page<>(state.audit.stream()
        .filter(a -> bridgeKey == null || bridgeKey.equals(a.bridgeKey()))
        .filter(a -> partnerKey == null || partnerKey.equals(a.partnerKey()))
        .collect(Collectors.toList()), null));
  }

  // --- test helpers -------------------------------------------------------------------------

  List<TimerRecord> timers(String bridgeKey) {
    return locked(() -> state.timers.values().stream().filter(t -> t.bridgeKey().equals(bridgeKey))
        .collect(Collectors.toList()));
  }

  List<OutboxItem> outboxRows() {
    return locked(() -> new ArrayList<>(state.outbox.values()));
  }

  List<String> auditActions(String bridgeKey) {
    return locked(() -> state.audit.stream().filter(a -> bridgeKey.equals(a.bridgeKey()))
        .map(AuditEntry::action).collect(Collectors.toList()));
  }

  /**
   * Plays the outbox worker: delivers every due row through {@code delivery}, in order, until
   * nothing is due; returns the outcomes.
   */
  List<DeliveryOutcome> drain(OutboxDelivery delivery) {
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    for (int round = 0; round < 100; round++) {
      List<OutboxItem> due = claimDue(clock.instant(), 50, 50, Map.of(), Duration.ofMinutes(1));
      if (due.isEmpty()) {
        return outcomes;
      }
      for (OutboxItem item : due) {
        DeliveryOutcome outcome;
        try {
          outcome = delivery.deliver(item);
        } catch (Exception e) {
          outcome = DeliveryOutcome.retry(e.toString());
        }
        outcomes.add(outcome);
        Instant now = clock.instant();
        if (outcome instanceof DeliveryOutcome.Delivered d && !d.marked()) {
          markDelivered(item.id(), now);
        } else if (outcome instanceof DeliveryOutcome.Retry r) {
          markRetry(item.id(), r.reason(), now.plusSeconds(60), true, now);
        } else if (outcome instanceof DeliveryOutcome.Hold h) {
          markRetry(item.id(), HELD + h.reason(), now.plus(h.delay()), false, now);
        } else if (outcome instanceof DeliveryOutcome.Fail f) {
          markDead(item.id(), f.reason(), now);
        }
      }
    }
    throw new AssertionError("outbox did not drain");
  }

  // --- PartnerDirectory ---------------------------------------------------------------------

  @Override
  public PartnerEntry save(PartnerEntry entry, String actor) {
    return locked(() -> {
      PartnerEntry existing = state.partners.get(entry.key());
      if (existing != null && existing.version() != entry.version() || existing == null && entry.version() != 0) {
        throw new ConflictException("version");
      }
      for (PartnerEntry other : state.partners.values()) {
        if (!other.key().equals(entry.key())
            && other.partner().ids().stream().anyMatch(entry.partner().ids()::contains)) {
          throw new ConflictException("agency id taken");
        }
      }
      PartnerEntry saved = new PartnerEntry(entry.partner(), entry.inboundAuth(), clock.instant(),
          clock.instant(), entry.version() + 1);
      state.partners.put(entry.key(), saved);
      return saved;
    });
  }

  @Override
  public Optional<PartnerEntry> get(String partnerKey) {
    return locked(() -> Optional.ofNullable(state.partners.get(partnerKey)));
  }

  @Override
  public Optional<PartnerEntry> findByAgencyId(AgencyId id) {
    return locked(() -> {
      for (PartnerEntry e : state.partners.values()) {
        if (e.partner().ids().contains(id)) {
          return Optional.of(e);
        }
      }
      if (id.scheme() == AgencyIdScheme.OTHER) {
        List<PartnerEntry> byValue = state.partners.values().stream()
            .filter(e -> e.partner().ids().stream().anyMatch(a -> a.value().equals(id.value())))
            .collect(Collectors.toList());
        if (byValue.size() == 1) {
          return Optional.of(byValue.get(0));
        }
      }
      return Optional.empty();
    });
  }

  @Override
  public List<PartnerEntry> list() {
    return locked(() -> new ArrayList<>(state.partners.values()));
  }

  @Override
  public boolean delete(String partnerKey, String actor) {
    return locked(() -> state.partners.remove(partnerKey) != null);
  }

  // --- Outbox -------------------------------------------------------------------------------

  @Override
  public List<OutboxItem> claimDue(Instant now, int max, int perPartnerLimit,
      Map<String, Integer> inFlight, Duration lease) {
    return locked(() -> {
      List<OutboxItem> claimed = new ArrayList<>();
      Set<String> blockedKeys = new HashSet<>();
      for (OutboxItem row : state.outbox.values()) {
        String key = row.orderingKey();
        if (row.status().isSettled()) {
          continue;
        }
        boolean due = row.status() == OutboxStatus.PENDING && !row.nextAttemptAt().isAfter(now);
        if (due && !blockedKeys.contains(key) && inFlight.getOrDefault(row.partnerKey(), 0) < perPartnerLimit && claimed.size() < max) {
          OutboxItem claimedRow = with(row, OutboxStatus.IN_FLIGHT, row.attempts(), row.nextAttemptAt(), row.lastError(), null);
          state.outbox.put(row.id(), claimedRow);
          claimed.add(claimedRow);
        }
        blockedKeys.add(key);
      }
      return claimed;
    });
  }

  @Override
  public boolean markDelivered(long id, Instant now) {
    return locked(() -> settleDelivered(id, now));
  }

  /** As the JDBC outbox: only a row in flight becomes delivered. */
  private boolean settleDelivered(long id, Instant now) {
    OutboxItem row = state.outbox.get(id);
    if (row == null || row.status() != OutboxStatus.IN_FLIGHT) {
      return false;
    }
    state.outbox.put(id, with(row, OutboxStatus.DELIVERED, row.attempts() + 1, row.nextAttemptAt(), null, now));
    return true;
  }

  @Override
  public boolean markRetry(long id, String error, Instant next, boolean countAttempt, Instant now) {
    return locked(() -> {
      OutboxItem row = state.outbox.get(id);
      state.outbox.put(id, with(row, OutboxStatus.PENDING, row.attempts() + (countAttempt ? 1 : 0), next, error, null));
      return true;
    });
  }

  /** As the store's dispatcher marks a held row (its last error says so). */
  static final String HELD = "held: ";

  @Override
  public int releaseHeld(Instant now) {
    return locked(() -> {
      int n = 0;
      for (OutboxItem row : List.copyOf(state.outbox.values())) {
        if (row.status() == OutboxStatus.PENDING && row.nextAttemptAt().isAfter(now)
            && row.lastError() != null && row.lastError().startsWith(HELD)) {
          state.outbox.put(row.id(), with(row, OutboxStatus.PENDING, row.attempts(), now, row.lastError(), null));
          n++;
        }
      }
      return n;
    });
  }

  @Override
  public boolean markDead(long id, String error, Instant now) {
    return locked(() -> {
      OutboxItem row = state.outbox.get(id);
      state.outbox.put(id, with(row, OutboxStatus.DEAD, row.attempts() + 1, row.nextAttemptAt(), error, null));
      return true;
    });
  }

  @Override
  public boolean resend(long id, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean discard(long id, String actor) {
    return locked(() -> {
      OutboxItem row = state.outbox.get(id);
      state.outbox.put(id, with(row, OutboxStatus.DISCARDED, row.attempts(), row.nextAttemptAt(), row.lastError(), null));
      return true;
    });
  }

  @Override
  public OutboxItem get(long id) {
    return locked(() -> state.outbox.get(id));
  }

  @Override
  public Page<OutboxItem> list(OutboxQuery q) {
    return locked(() -> new Page<>(state.outbox.descendingMap().values().stream()
        .filter(r -> q.status() == null || r.status() == q.status())
        .filter(r -> q.partnerKey() == null || q.partnerKey().equals(r.partnerKey()))
        .filter(r -> q.bridgeKey() == null || q.bridgeKey().equals(r.bridgeKey()))
        .limit(q.limit()).collect(Collectors.toList()), null));
  }

  @Override
  public Map<OutboxStatus, Long> countByStatus() {
    return locked(() -> {
      Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
      state.outbox.values().forEach(r -> counts.merge(r.status(), 1L, Long::sum));
      return counts;
    });
  }

  private static OutboxItem with(OutboxItem r, OutboxStatus status, int attempts, Instant next,
      String error, Instant deliveredAt) {
    return new OutboxItem(r.id(), r.bridgeKey(), r.partnerKey(), r.endpoint(), r.messageType(),
        r.contentType(), r.payload(), r.containsPatronData(), r.orderingKey(), status, attempts,
        r.createdAt(), r.queuedAt(), next, r.lastAttemptAt(), deliveredAt, error);
  }

  // --- UnitOfWork ---------------------------------------------------------------------------

  private final class Uow implements UnitOfWork {
    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public boolean markDelivered(long outboxId) {
      if (failNextMarkDelivered) {
        failNextMarkDelivered = false;
        throw new StoreException("simulated failure while marking outbox row " + outboxId + " delivered");
      }
      return settleDelivered(outboxId, now());
    }

    @Override
    public List<MessageRecord> messages(String bridgeKey) {
      return MemoryStore.this.messages(bridgeKey);
    }

    @Override
    public Optional<byte[]> rawMessage(long messageId) {
      return MemoryStore.this.rawMessage(messageId);
    }

    @Override
    public Page<OutboxItem> outbox(OutboxQuery query) {
      return MemoryStore.this.list(query);
    }

    @Override
    public LoggedMessage logMessage(NewMessage m) {
      if (m.direction() == Direction.INBOUND && m.dedupeKey() != null && m.partnerKey() != null) {
        for (int i = 0; i < state.messages.size(); i++) {
          MessageRecord r = state.messages.get(i);
          if (m.partnerKey().equals(r.partnerKey()) && r.direction() == Direction.INBOUND
              && m.dedupeKey().equals(r.dedupeKey())) {
            MessageRecord bumped = new MessageRecord(r.id(), r.bridgeKey(), r.partnerKey(), r.direction(),
                r.protocol(), r.messageType(), r.dedupeKey(), r.rawSize(), r.summary(),
                r.containsPatronData(), r.redacted(), r.senderTimestamp(), r.at(), r.result(),
                r.warnings(), r.duplicateCount() + 1, now());
            state.messages.set(i, bumped);
            return new LoggedMessage(r.id(), true, bumped);
          }
        }
      }
      long id = state.seq++;
      state.messages.add(new MessageRecord(id, m.bridgeKey(), m.partnerKey(), m.direction(), m.protocol(),
          m.messageType(), m.dedupeKey(), m.raw().length, m.summary(), m.containsPatronData(), false,
          m.senderTimestamp(), m.at(), m.result(), m.warnings(), 0, null));
      state.raw.put(id, m.raw().clone());
      return new LoggedMessage(id, false, null);
    }

    @Override
    public void setMessageResult(long id, String bridgeKey, String result, List<String> warnings) {
      for (int i = 0; i < state.messages.size(); i++) {
        MessageRecord r = state.messages.get(i);
        if (r.id() == id) {
          state.messages.set(i, new MessageRecord(r.id(), bridgeKey != null ? bridgeKey : r.bridgeKey(),
              r.partnerKey(), r.direction(), r.protocol(), r.messageType(), r.dedupeKey(), r.rawSize(),
              r.summary(), r.containsPatronData(), r.redacted(), r.senderTimestamp(), r.at(), result,
              warnings, r.duplicateCount(), r.lastSeenAt()));
          return;
        }
      }
      throw new StoreException("no message " + id);
    }

    @Override
    public TransactionRecord createTransaction(TransactionRecord t) {
      String key = t.bridgeKey() != null ? t.bridgeKey() : "TX" + state.seq++;
      if (state.txs.containsKey(key)) {
        throw new ConflictException("exists");
      }
      TransactionRecord saved = new TransactionRecord(key, t.requester(), t.supplier(), t.state(),
          t.serviceType(), t.itemSummary(), t.lenders(), t.lenderPosition(), t.dueDate(), now(), now(),
          t.state().isTerminal() ? now() : null, 1);
      state.txs.put(key, saved);
      return saved;
    }

    @Override
    public Optional<TransactionRecord> lockTransaction(String bridgeKey) {
      return Optional.ofNullable(state.txs.get(bridgeKey));
    }

    @Override
    public List<TransactionRecord> findByAnyId(String id) {
      return state.txs.values().stream().filter(t -> id.equals(t.bridgeKey())
          || id.equals(t.requester().requesterTxId()) || id.equals(t.requester().supplierTxId())
          || id.equals(t.supplier().requesterTxId()) || id.equals(t.supplier().supplierTxId()))
          .collect(Collectors.toList());
    }

    @Override
    public TransactionRecord updateTransaction(TransactionRecord t) {
      TransactionRecord current = state.txs.get(t.bridgeKey());
      if (current == null || current.version() != t.version()) {
        throw new ConflictException("changed since read: " + t.bridgeKey());
      }
      Instant terminalAt = current.terminalAt() != null ? current.terminalAt()
          : t.state().isTerminal() ? now() : null;
      TransactionRecord saved = new TransactionRecord(t.bridgeKey(), t.requester(), t.supplier(), t.state(),
          t.serviceType(), t.itemSummary(), t.lenders(), t.lenderPosition(), t.dueDate(),
          current.createdAt(), now(), terminalAt, current.version() + 1);
      state.txs.put(t.bridgeKey(), saved);
      return saved;
    }

    @Override
    public void savePatron(String bridgeKey, Patron patron) {
      state.patrons.put(bridgeKey, patron);
    }

    @Override
    public long enqueue(NewOutboxItem i) {
      long id = state.seq++;
      state.outbox.put(id, new OutboxItem(id, i.bridgeKey(), i.partnerKey(), i.endpoint(), i.messageType(),
          i.contentType(), i.payload(), i.containsPatronData(), i.effectiveOrderingKey(),
          OutboxStatus.PENDING, 0, now(), now(), i.notBefore() != null ? i.notBefore() : now(), null, null, null));
      return id;
    }

    @Override
    public long scheduleTimer(String bridgeKey, String kind, Instant dueAt) {
      cancelTimers(bridgeKey, kind);
      long id = state.seq++;
      state.timers.put(id, new TimerRecord(id, bridgeKey, kind, dueAt, now()));
      return id;
    }

    @Override
    public int cancelTimers(String bridgeKey, String kind) {
      List<Long> ids = state.timers.values().stream()
          .filter(t -> t.bridgeKey().equals(bridgeKey) && (kind == null || kind.equals(t.kind())))
          .map(TimerRecord::id).collect(Collectors.toList());
      ids.forEach(state.timers::remove);
      return ids.size();
    }

    @Override
    public boolean takeTimer(long timerId) {
      return state.timers.remove(timerId) != null;
    }

    @Override
    public void audit(String actor, String action, String bridgeKey, String partnerKey, String detail) {
      state.audit.add(new AuditEntry(state.seq++, now(), actor, action, bridgeKey, partnerKey, detail));
    }
  }

  private <T> T locked(java.util.function.Supplier<T> s) {
    lock.lock();
    try {
      return s.get();
    } finally {
      lock.unlock();
    }
  }
}
