package org.illbridge.api.store;

/**
 * A write lost a race: the row was changed by someone else since it was read (optimistic version
 * check), a unique value is already taken, or the database chose this transaction as a deadlock
 * victim. {@link TransactionStore#inTransaction} retries the whole unit of work a few times on
 * this exception before giving up.
 */
public class ConflictException extends StoreException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
