package org.illbridge.api.model;

/**
 * Bibliographic description of the requested item. Every field is optional (null) except that a
 * request should carry at least a title or an identifier; dialects enforce their partner's rules.
 *
 * @param title title of the work (ISO 10161 Item-Id.title, ISO 18626 BibliographicInfo/Title)
 * @param author author
 * @param isbn ISBN
 * @param issn ISSN
 * @param oclcNumber OCLC record number
 * @param systemNumber the supplier's own record number / call number
 * @param publisher publisher
 * @param publicationDate publication date as written
 * @param edition edition statement
 * @param volume volume / issue
 * @param pagesRequested pages or article for copies
 * @param verificationSource where the citation was verified (OCLC requires it)
 */
public record Item(
    String title,
    String author,
    String isbn,
    String issn,
    String oclcNumber,
    String systemNumber,
    String publisher,
    String publicationDate,
    String edition,
    String volume,
    String pagesRequested,
    String verificationSource) {

  /** An item known only by its title. */
  public static Item titled(String title) {
    return new Item(title, null, null, null, null, null, null, null, null, null, null, null);
  }
}
