package org.illbridge.iso10161;

/**
 * Status-Report.
 *
 * @param userStatusReport [0]
 * @param providerStatusReport [1]
 */
public record StatusReport(
    HistoryReport userStatusReport,
    CurrentState providerStatusReport) {
}
