package org.illbridge.api.model;

/**
 * Personal data about the end user. Kept apart from everything else so that it can be minimised
 * (only what the partner needs is sent) and purged after the retention period (seed 003:
 * confidentiality of patron data).
 *
 * @param id the requesting library's patron identifier
 * @param name the patron's name
 * @param status patron category (e.g. faculty, student)
 */
public record Patron(String id, String name, String status) {}
