package org.illbridge.iso18626;

import java.util.List;

/**
 * What is requested. {@code authorId} exists in 2021 only; {@code volumes} has at most one entry in 2017.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record BibliographicInfo(
    String supplierUniqueRecordId,
    String title,
    String author,
    String authorId,
    String subtitle,
    String seriesTitle,
    String edition,
    String titleOfComponent,
    String authorOfComponent,
    List<String> volumes,
    String issue,
    String pagesRequested,
    String estimatedNoPages,
    List<BibliographicItemId> itemIds,
    String sponsor,
    String informationSource,
    List<BibliographicRecordId> recordIds) {
  public BibliographicInfo {
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    itemIds = itemIds == null ? List.of() : List.copyOf(itemIds);
    recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
  }
}
