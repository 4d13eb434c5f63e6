-- Searches page newest first by creation time: ORDER BY CREATED_AT DESC, ID DESC (the row id breaks
-- ties between transactions created in the same millisecond), keyset-paged on both columns.
-- With V2's indexes, which end in ID DESC, a creation-date range could only be checked row by row:
-- a date range alone read the whole range through IX_TX_CREATED and sorted it (1.3 s for one day
-- of 86,400 transactions in a store of 1,000,000, console benchmark), and a partner or state with
-- an old date walked every newer row of the partner or state first. Here every search index ends
-- in (CREATED_AT DESC, ID DESC): the date range is a range of the index after its equality columns,
-- so Derby starts at the page's first row and stops after the page, however wide the range and
-- however old the dates. Same number of indexes (the two on CREATED_AT and ID alone become one).
-- PostgreSQL accepts the same DDL.
DROP INDEX IX_TX_REQ_PARTNER_STATE;
DROP INDEX IX_TX_SUP_PARTNER_STATE;
DROP INDEX IX_TX_REQ_PARTNER_ID;
DROP INDEX IX_TX_SUP_PARTNER_ID;
DROP INDEX IX_TX_STATE_ID;
DROP INDEX IX_TX_ID_DESC;
DROP INDEX IX_TX_CREATED;
-- partner + state (+ date)
CREATE INDEX IX_TX_REQ_PARTNER_STATE_CREATED ON ILL_TRANSACTION (REQ_PARTNER, STATE, CREATED_AT DESC, ID DESC);
CREATE INDEX IX_TX_SUP_PARTNER_STATE_CREATED ON ILL_TRANSACTION (SUP_PARTNER, STATE, CREATED_AT DESC, ID DESC);
-- partner alone (+ date)
CREATE INDEX IX_TX_REQ_PARTNER_CREATED ON ILL_TRANSACTION (REQ_PARTNER, CREATED_AT DESC, ID DESC);
CREATE INDEX IX_TX_SUP_PARTNER_CREATED ON ILL_TRANSACTION (SUP_PARTNER, CREATED_AT DESC, ID DESC);
-- state alone (+ date), also the open-state counts of the dashboard
CREATE INDEX IX_TX_STATE_CREATED ON ILL_TRANSACTION (STATE, CREATED_AT DESC, ID DESC);
-- no filter, or a date range alone
CREATE INDEX IX_TX_CREATED_ID ON ILL_TRANSACTION (CREATED_AT DESC, ID DESC);
