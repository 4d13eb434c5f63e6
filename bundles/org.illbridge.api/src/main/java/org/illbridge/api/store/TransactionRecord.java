package org.illbridge.api.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;

/**
 * One loan as the bridge tracks it. Patron data is deliberately not here: it is kept apart (see
 * {@link UnitOfWork#savePatron}) so it can be purged.
 *
 * @param bridgeKey the bridge's own stable key; on create, null lets the store generate one
 * @param requester the requester side (the requester partner and its ids)
 * @param supplier the supplier side (the current supplier and its ids)
 * @param state neutral state
 * @param serviceType requested service, or null
 * @param itemSummary short human-readable description of the item (title / author), never
 *     patron data
 * @param lenders the rota: partner keys in the order they are asked
 * @param lenderPosition index into {@code lenders} of the current supplier (0-based)
 * @param dueDate due date once shipped, or null
 * @param createdAt set by the store
 * @param updatedAt set by the store on every update
 * @param terminalAt set by the store when the state first becomes terminal; retention counts from
 *     here
 * @param version optimistic-lock version; set by the store
 */
public record TransactionRecord(
    String bridgeKey,
    TransactionSide requester,
    TransactionSide supplier,
    TransactionState state,
    ServiceType serviceType,
    String itemSummary,
    List<String> lenders,
    int lenderPosition,
    LocalDate dueDate,
    Instant createdAt,
    Instant updatedAt,
    Instant terminalAt,
    long version) {

  public TransactionRecord {
    Objects.requireNonNull(state, "state");
    requester = requester == null ? TransactionSide.EMPTY : requester;
    supplier = supplier == null ? TransactionSide.EMPTY : supplier;
    lenders = lenders == null ? List.of() : List.copyOf(lenders);
  }

  /** A new transaction to pass to {@link UnitOfWork#createTransaction}. */
  public static TransactionRecord newTransaction(
      String bridgeKey,
      TransactionSide requester,
      TransactionSide supplier,
      TransactionState state,
      ServiceType serviceType,
      String itemSummary,
      List<String> lenders) {
    return new TransactionRecord(bridgeKey, requester, supplier, state, serviceType, itemSummary,
        lenders, 0, null, null, null, null, 0);
  }

  /** The current lender's partner key from the rota, or null when the rota is empty or done. */
  public String currentLender() {
    return lenderPosition >= 0 && lenderPosition < lenders.size() ? lenders.get(lenderPosition) : null;
  }

  public TransactionRecord withState(TransactionState s) {
    return new TransactionRecord(bridgeKey, requester, supplier, s, serviceType, itemSummary,
        lenders, lenderPosition, dueDate, createdAt, updatedAt, terminalAt, version);
  }

  public TransactionRecord withSupplier(TransactionSide s) {
    return new TransactionRecord(bridgeKey, requester, s, state, serviceType, itemSummary,
        lenders, lenderPosition, dueDate, createdAt, updatedAt, terminalAt, version);
  }

  public TransactionRecord withRequester(TransactionSide r) {
    return new TransactionRecord(bridgeKey, r, supplier, state, serviceType, itemSummary,
        lenders, lenderPosition, dueDate, createdAt, updatedAt, terminalAt, version);
  }

  public TransactionRecord withLenderPosition(int position) {
    return new TransactionRecord(bridgeKey, requester, supplier, state, serviceType, itemSummary,
        lenders, position, dueDate, createdAt, updatedAt, terminalAt, version);
  }

  public TransactionRecord withDueDate(LocalDate d) {
    return new TransactionRecord(bridgeKey, requester, supplier, state, serviceType, itemSummary,
        lenders, lenderPosition, d, createdAt, updatedAt, terminalAt, version);
  }
}
