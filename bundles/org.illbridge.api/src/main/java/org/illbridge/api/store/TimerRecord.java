package org.illbridge.api.store;

import java.time.Instant;

/**
 * A timer kept as a row so that it survives a restart: days-to-respond, expiry, overdue checks.
 *
 * @param kind what the timer is for, chosen by the engine (for example {@code days-to-respond})
 */
public record TimerRecord(long id, String bridgeKey, String kind, Instant dueAt, Instant createdAt) {}
