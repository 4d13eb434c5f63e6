package org.illbridge.iso10161;

/**
 * Item-Id. The EXTERNAL fields are kept as encoded bytes.
 *
 * @param itemType [0]
 * @param heldMediumType [1]
 * @param callNumber [2]
 * @param author [3]
 * @param title [4]
 * @param subTitle [5]
 * @param sponsoringBody [6]
 * @param placeOfPublication [7]
 * @param publisher [8]
 * @param seriesTitleNumber [9]
 * @param volumeIssue [10]
 * @param edition [11]
 * @param publicationDate [12]
 * @param publicationDateOfComponent [13]
 * @param authorOfArticle [14]
 * @param titleOfArticle [15]
 * @param pagination [16]
 * @param nationalBibliographyNo [17] EXTERNAL
 * @param isbn [18]
 * @param issn [19]
 * @param systemNo [20] EXTERNAL
 * @param additionalNoLetters [21]
 * @param verificationReferenceSource [22]
 */
public record ItemId(
    ItemType itemType,
    MediumType heldMediumType,
    IllString callNumber,
    IllString author,
    IllString title,
    IllString subTitle,
    IllString sponsoringBody,
    IllString placeOfPublication,
    IllString publisher,
    IllString seriesTitleNumber,
    IllString volumeIssue,
    IllString edition,
    IllString publicationDate,
    IllString publicationDateOfComponent,
    IllString authorOfArticle,
    IllString titleOfArticle,
    IllString pagination,
    RawBer nationalBibliographyNo,
    IllString isbn,
    IllString issn,
    RawBer systemNo,
    IllString additionalNoLetters,
    IllString verificationReferenceSource) {

  /** An item known by its title only. */
  public static ItemId titled(String title) {
    return new ItemId(null, null, null, null, IllString.of(title), null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
