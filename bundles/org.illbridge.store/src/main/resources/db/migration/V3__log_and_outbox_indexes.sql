-- Found by the console benchmark (itests/benchmarks/console.md):
-- messages per minute for the dashboard (and retention by age) read a window of LOGGED_AT; without
-- an index Derby scanned the whole message log. LOGGED_AT grows with time, so new entries go to
-- the end of the index.
CREATE INDEX IX_MESSAGE_LOGGED ON MESSAGE_LOG (LOGGED_AT);
-- A transaction's outbox rows newest first (console, Outbox.list by bridge key) without a sort.
CREATE INDEX IX_OUTBOX_TX_ID ON OUTBOX (TX_ID, ID DESC);
