-- A library's Blocked Lenders List (seed 000; Partner.blockedLenders, API model 1.2.0): the keys
-- of the partners the rota never asks for this partner's requests, separated by single spaces
-- (partner keys hold no spaces). NULL: no lender blocked.
ALTER TABLE PARTNER ADD COLUMN BLOCKED_LENDERS VARCHAR(4000);
