package org.illbridge.iso10161;

/**
 * Error-Report. One of user and provider report is set according to reportSource.
 *
 * @param correlationInformation [0]
 * @param reportSource [1]
 * @param userErrorReport [2]
 * @param providerErrorReport [3]
 */
public record ErrorReport(
    IllString correlationInformation,
    ReportSource reportSource,
    UserErrorReport userErrorReport,
    ProviderErrorReport providerErrorReport) {
}
