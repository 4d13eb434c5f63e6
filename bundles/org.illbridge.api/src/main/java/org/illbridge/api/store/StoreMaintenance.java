package org.illbridge.api.store;

import java.nio.file.Path;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Operations for the console and the command line: backup and retention. */
@ProviderType
public interface StoreMaintenance {

  /**
   * Takes an online backup while the bridge keeps running: the database is copied into a new
   * sub-directory of {@code directory}, which is returned. Restore is described in the store
   * bundle's README.
   */
  Path backup(Path directory);

  /**
   * Purges patron data of transactions that reached a terminal state more than the configured
   * retention period before {@code now}, and redacts their messages and outbox payloads that carry
   * patron data.
   */
  RetentionResult purgeExpired(Instant now);

  /**
   * What a retention run did.
   *
   * @param transactions transactions whose patron data was purged
   * @param messagesRedacted message log rows redacted
   * @param outboxRedacted outbox payloads redacted
   */
  record RetentionResult(int transactions, int messagesRedacted, int outboxRedacted) {}
}
