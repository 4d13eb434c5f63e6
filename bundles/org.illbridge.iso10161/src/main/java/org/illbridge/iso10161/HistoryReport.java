package org.illbridge.iso10161;

/**
 * History-Report (user-status-report).
 *
 * @param dateRequested [0]
 * @param author [1]
 * @param title [2]
 * @param authorOfArticle [3]
 * @param titleOfArticle [4]
 * @param dateOfLastTransition [5]
 * @param mostRecentService [6]
 * @param dateOfMostRecentService [7]
 * @param initiatorOfMostRecentService [8]
 * @param shippedServiceType [9]
 * @param transactionResults [10]
 * @param mostRecentServiceNote [11]
 */
public record HistoryReport(
    String dateRequested,
    IllString author,
    IllString title,
    IllString authorOfArticle,
    IllString titleOfArticle,
    String dateOfLastTransition,
    ApduType mostRecentService,
    String dateOfMostRecentService,
    SystemId initiatorOfMostRecentService,
    IllServiceType shippedServiceType,
    TransactionResults transactionResults,
    IllString mostRecentServiceNote) {
}
