-- Searches page newest first (ORDER BY ID DESC FETCH FIRST n) with keyset paging on ID. Derby
-- scans B-trees forwards only, so with the ascending (.., ID) indexes of V1 it read every row of
-- the partner (or state, or the whole table) and sorted them before returning the first page.
-- With descending ID as the last column Derby reads the index in the page's order and stops after
-- n + 1 rows (checked with SYSCS_GET_RUNTIMESTATISTICS: no sort, rows visited = page size + 1).
-- The search runs one such scan per side (requester, supplier) and per state, and merges them.
-- PostgreSQL accepts the same DDL.
DROP INDEX IX_TX_REQ_PARTNER;
DROP INDEX IX_TX_SUP_PARTNER;
DROP INDEX IX_TX_STATE;
-- partner + state
CREATE INDEX IX_TX_REQ_PARTNER_STATE ON ILL_TRANSACTION (REQ_PARTNER, STATE, ID DESC);
CREATE INDEX IX_TX_SUP_PARTNER_STATE ON ILL_TRANSACTION (SUP_PARTNER, STATE, ID DESC);
-- partner alone
CREATE INDEX IX_TX_REQ_PARTNER_ID ON ILL_TRANSACTION (REQ_PARTNER, ID DESC);
CREATE INDEX IX_TX_SUP_PARTNER_ID ON ILL_TRANSACTION (SUP_PARTNER, ID DESC);
-- state alone
CREATE INDEX IX_TX_STATE_ID ON ILL_TRANSACTION (STATE, ID DESC);
-- no filter: newest first
CREATE INDEX IX_TX_ID_DESC ON ILL_TRANSACTION (ID DESC);
