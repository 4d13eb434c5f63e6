package org.illbridge.api.store;

import org.illbridge.api.model.AgencyId;

/**
 * One side of a bridged transaction. The bridge faces the requester and the supplier separately
 * and each side has its own pair of transaction ids (ISO 10161 and ISO 18626 ids rarely survive
 * translation unchanged).
 *
 * @param partnerKey the partner on this side (the requester, or the current supplier), or null
 *     when not yet known
 * @param agencyId the agency id used on this side, or null
 * @param requesterTxId the requester's transaction id as used on this side, or null
 * @param supplierTxId the supplier's transaction id as used on this side, or null
 */
public record TransactionSide(
    String partnerKey, AgencyId agencyId, String requesterTxId, String supplierTxId) {

  public static final TransactionSide EMPTY = new TransactionSide(null, null, null, null);

  public TransactionSide withPartner(String key, AgencyId id) {
    return new TransactionSide(key, id, requesterTxId, supplierTxId);
  }

  public TransactionSide withSupplierTxId(String id) {
    return new TransactionSide(partnerKey, agencyId, requesterTxId, id);
  }

  public TransactionSide withRequesterTxId(String id) {
    return new TransactionSide(partnerKey, agencyId, id, supplierTxId);
  }
}
