-- Fewer index entries written per logged message and per outbox row (issue 10, life-cycle load;
-- itests/benchmarks/load.md): two indexes of V1/V3 only saved sorting a handful of rows.
--
-- MESSAGE_LOG: a transaction's messages are read by TX_ID = ? and sorted by LOGGED_AT anyway, so
-- the index needs only TX_ID. On Derby the foreign key FK_MESSAGE_TX has a backing index on TX_ID
-- already, so Derby creates no second one (warning 01504: the CREATE below is a no-op there, as
-- V1's IX_OUTBOX_TX is); on PostgreSQL, where a foreign key has no index of its own, it is the index
-- of the look-up and of the cascading delete.
DROP INDEX IX_MESSAGE_TX;
CREATE INDEX IX_MESSAGE_TX_ID ON MESSAGE_LOG (TX_ID);
-- OUTBOX: IX_OUTBOX_TX (TX_ID) of V1 (on Derby the backing index of FK_OUTBOX_TX) finds a
-- transaction's outbox rows, a few per transaction; V3's (TX_ID, ID DESC) only spared sorting them
-- newest first for the console.
DROP INDEX IX_OUTBOX_TX_ID;
