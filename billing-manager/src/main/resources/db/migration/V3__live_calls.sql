-- Answered calls still up, with what they hold of their account's balance (the mid-call cut-off).
-- A row is written when the call is answered, grows by one started minute at each minute boundary
-- and is deleted in the transaction that charges the call. Every change to an account's rows happens
-- under that account's row lock, so the sums per account_id are exact for whoever holds the lock.
CREATE TABLE billing_live_call (
  id               BINARY(16)  NOT NULL PRIMARY KEY,   -- the call's id
  customer_id      BINARY(16)  NOT NULL,
  account_id       BINARY(16)  NOT NULL,
  cost_type        VARCHAR(32) NOT NULL,
  tm_progressing   DATETIME(6) NOT NULL,
  minutes_reserved BIGINT      NOT NULL DEFAULT 0,
  tokens_reserved  BIGINT      NOT NULL DEFAULT 0,
  credit_reserved  BIGINT      NOT NULL DEFAULT 0,
  tm_cutoff        DATETIME(6) NULL,                   -- when the next minute could not be paid and the hangup was asked for
  tm_create        DATETIME(6) NOT NULL,
  tm_update        DATETIME(6) NULL,
  tm_delete        DATETIME(6) NULL,
  INDEX idx_billing_live_call_account (account_id)
) ENGINE=InnoDB;
