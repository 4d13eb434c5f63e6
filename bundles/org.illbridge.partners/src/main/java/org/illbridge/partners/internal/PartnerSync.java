package org.illbridge.partners.internal;

import java.util.Optional;
import org.illbridge.api.model.Partner;
import org.illbridge.api.store.ConflictException;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a configured partner to the directory. The directory has no "managed by configuration"
 * flag, so the rule is simple: the configuration wins every time it is applied (start, change);
 * the audit log names the configuration as the actor. Nothing is written when the directory
 * already holds exactly the configured values, so restarts do not fill the audit log.
 */
final class PartnerSync {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerSync.class);
  /** Lost races (another writer saved in between) are retried this many times. */
  static final int ATTEMPTS = 3;

  /** What {@link #apply} did. */
  enum Result { CREATED, UPDATED, UNCHANGED }

  private final PartnerDirectory directory;

  PartnerSync(PartnerDirectory directory) {
    this.directory = directory;
  }

  /** Creates or updates the entry so that it holds the configured partner and authentication. */
  Result apply(PartnerSettings.Parsed wanted, String actor) {
    ConflictException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<PartnerEntry> current = directory.get(wanted.partner().key());
      try {
        if (current.isEmpty()) {
          directory.save(PartnerEntry.of(wanted.partner(), wanted.inboundAuth()), actor);
          return Result.CREATED;
        }
        PartnerEntry e = current.get();
        if (e.partner().equals(wanted.partner()) && e.inboundAuth().equals(wanted.inboundAuth())) {
          return Result.UNCHANGED;
        }
        directory.save(new PartnerEntry(wanted.partner(), wanted.inboundAuth(), e.createdAt(),
            e.updatedAt(), e.version()), actor);
        return Result.UPDATED;
      } catch (ConflictException e) {
        last = e;
        LOG.debug("Partner {}: concurrent change, attempt {} of {}", wanted.partner().key(),
            attempt, ATTEMPTS);
      }
    }
    throw last;
  }

  /**
   * Disables the partner (its transactions and messages stay); false when there is no such
   * partner or it was already disabled.
   */
  boolean disable(String key, String actor) {
    ConflictException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<PartnerEntry> current = directory.get(key);
      if (current.isEmpty() || !current.get().partner().enabled()) {
        return false;
      }
      PartnerEntry e = current.get();
      Partner p = e.partner();
      Partner off = new Partner(p.key(), p.name(), p.ids(), p.protocol(), p.dialectId(),
          p.endpoints(), p.daysToRespond(), p.blocked(), p.strictParsing(), p.notesAllowed(), false,
          p.settings(), p.blockedLenders());
      try {
        directory.save(new PartnerEntry(off, e.inboundAuth(), e.createdAt(), e.updatedAt(),
            e.version()), actor);
        return true;
      } catch (ConflictException ex) {
        last = ex;
      }
    }
    throw last;
  }
}
