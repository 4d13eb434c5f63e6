-- Dashboard counts kept by the store (console benchmark, itests/benchmarks/console.md): at 1,000,000
-- transactions the dashboard's two counts took 2 s when its cache was cold: counting the open
-- transactions by state read every open entry of IX_TX_STATE_CREATED (1.7 s for 666,000 open), and
-- the per-minute message series read every IX_MESSAGE_LOGGED entry of the last 24 hours (1 s for
-- 200,000). Both are now sums of small tables of running counts, written by the unit of work that
-- inserts or changes the counted rows (JdbcUnitOfWork), in the same database transaction, so
-- they stay exact across crashes and rollbacks.
--
-- Hot rows: every unit of work that changes a transaction's state or logs a message adds to a
-- count, and the row stays locked until its commit. Each count is therefore split over stripes
-- (transaction row id mod 16, message row id mod 8) that are added up when read, and the unit of
-- work adds its counts just before its commit, in one fixed order, so two units can only wait for
-- each other briefly and never deadlock over them.

-- Transactions per state: one row per state and stripe (16 stripes, every state, zero included,
-- so that the unit of work only ever updates). RTRIM: a VALUES list of strings is CHAR, padded to its
-- longest string. A new TransactionState needs its rows here (a
-- store test checks that every state has them).
CREATE TABLE TX_STATE_COUNT (
  STATE VARCHAR(32) NOT NULL,
  STRIPE INT NOT NULL,
  N BIGINT NOT NULL,
  PRIMARY KEY (STATE, STRIPE)
);
INSERT INTO TX_STATE_COUNT (STATE, STRIPE, N)
  SELECT STATE, MOD(ID, 16), COUNT(*) FROM ILL_TRANSACTION GROUP BY STATE, MOD(ID, 16);
INSERT INTO TX_STATE_COUNT (STATE, STRIPE, N)
  SELECT RTRIM(S.STATE), K.STRIPE, 0
  FROM (VALUES ('NEW'), ('REQUESTED'), ('EXPECT_TO_SUPPLY'), ('WILL_SUPPLY'), ('CONDITIONAL'), ('RETRY_POSSIBLE'), ('SHIPPED'), ('RECEIVED'), ('OVERDUE'), ('RECALLED'), ('RETURNED'), ('CANCEL_PENDING'), ('UNFILLED'), ('CANCELLED'), ('COPY_COMPLETED'), ('LOAN_COMPLETED'), ('COMPLETED_WITHOUT_RETURN'), ('LOST'), ('EXPIRED')) AS S (STATE),
       (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15)) AS K (STRIPE)
  WHERE NOT EXISTS (SELECT 1 FROM TX_STATE_COUNT C WHERE C.STATE = S.STATE AND C.STRIPE = K.STRIPE);

-- Logged messages per minute (EPOCH_MINUTE = LOGGED_AT / 60000, epoch minutes) and stripe; rows are
-- created by the first message of a minute and stripe, and the minutes older than 8 days are
-- deleted as new minutes start (the dashboard shows at most 7 days): the backfill takes the 8 days
-- up to the newest message.
CREATE TABLE MESSAGE_MINUTE (
  EPOCH_MINUTE BIGINT NOT NULL,
  STRIPE INT NOT NULL,
  N BIGINT NOT NULL,
  PRIMARY KEY (EPOCH_MINUTE, STRIPE)
);
INSERT INTO MESSAGE_MINUTE (EPOCH_MINUTE, STRIPE, N)
  SELECT LOGGED_AT / 60000, MOD(ID, 8), COUNT(*) FROM MESSAGE_LOG
  WHERE LOGGED_AT >= (SELECT MAX(LOGGED_AT) FROM MESSAGE_LOG) - 691200000
  GROUP BY LOGGED_AT / 60000, MOD(ID, 8);
