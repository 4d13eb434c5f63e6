package org.illbridge.api.store;

/**
 * The store could not do what was asked: the database is unavailable, a constraint was violated
 * or a row changed under the caller. Unchecked, so that units of work stay readable; the message
 * is meant for the log and the admin, never for a partner.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
