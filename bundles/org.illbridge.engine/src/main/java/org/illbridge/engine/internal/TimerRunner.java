package org.illbridge.engine.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.illbridge.api.store.TimerRecord;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.store.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the rota's timers, which are store rows (they survive a restart): days-to-respond elapsed
 * asks the lender for its status (lost messages, seed 000); no answer within the grace period
 * moves the rota on with a fresh id.
 */
public final class TimerRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TimerRunner.class);

  private final TransactionStore store;
  private final Plugins plugins;
  private final Router router;

  public TimerRunner(TransactionStore store, Plugins plugins, Router router) {
    this.store = Objects.requireNonNull(store);
    this.plugins = Objects.requireNonNull(plugins);
    this.router = Objects.requireNonNull(router);
  }

  /** Handles up to {@code limit} due timers, each in its own unit of work; returns how many fired. */
  public int runDue(int limit) {
    List<TimerRecord> due = store.dueTimers(router.clock().instant(), limit);
    int fired = 0;
    for (TimerRecord timer : due) {
      try {
        if (Boolean.TRUE.equals(store.inTransaction(uow -> fire(uow, timer)))) {
          fired++;
        }
      } catch (RuntimeException e) {
        // The timer row comes back with the rolled-back unit of work and is tried next round.
        LOG.warn("Timer {} ({}) of transaction {} failed", timer.id(), timer.kind(), timer.bridgeKey(), e);
      }
    }
    return fired;
  }

  private boolean fire(UnitOfWork uow, TimerRecord timer) {
    if (!uow.takeTimer(timer.id())) {
      return false;
    }
    Optional<TransactionRecord> found = uow.lockTransaction(timer.bridgeKey());
    if (found.isEmpty() || !StateMachine.AWAITING_SUPPLY.contains(found.get().state())) {
      return false;
    }
    TransactionRecord tx = found.get();
    switch (timer.kind()) {
      case Router.TIMER_DAYS_TO_RESPOND -> {
        if (takesStatusQuery(tx.supplier().partnerKey())) {
          router.queryLender(uow, tx);
        } else {
          uow.audit("engine", "rota.no-answer", tx.bridgeKey(), tx.supplier().partnerKey(),
              "days to respond elapsed; the lender takes no status query");
          router.nextLender(uow, tx, tx.lenderPosition() + 1, null, Router.REASON_LENDERS_EXHAUSTED);
        }
      }
      case Router.TIMER_STATUS_QUERY_GRACE -> {
        uow.audit("engine", "rota.no-answer", tx.bridgeKey(), tx.supplier().partnerKey(),
            "no answer to the status query");
        router.nextLender(uow, tx, tx.lenderPosition() + 1, null, Router.REASON_LENDERS_EXHAUSTED);
      }
      default -> {
        LOG.warn("Ignoring timer of unknown kind '{}' on {}", timer.kind(), tx.bridgeKey());
        return false;
      }
    }
    return true;
  }

  /** False only when the lender's dialect is installed and says it takes no status query. */
  private boolean takesStatusQuery(String partnerKey) {
    Optional<Partner> lender = router.partner(partnerKey);
    if (lender.isEmpty()) {
      return false;
    }
    Dialect dialect = plugins.dialect(lender.get().dialectId());
    return dialect == null || dialect.supportedOutbound(Role.REQUESTER).contains(MessageType.STATUS_QUERY);
  }
}
