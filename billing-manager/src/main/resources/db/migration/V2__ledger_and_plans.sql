-- Accounts as the contract describes them (plan, tokens, status) and the ledger (billing_billing).
-- The credit balance keeps its column, renamed: it was always micros.
ALTER TABLE billing_account
  CHANGE COLUMN balance_micros balance_credit BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN status         VARCHAR(16) NOT NULL DEFAULT 'active',
  ADD COLUMN plan_type      VARCHAR(16) NOT NULL DEFAULT 'free',
  ADD COLUMN plan_status    VARCHAR(16) NOT NULL DEFAULT 'active',
  ADD COLUMN balance_token  BIGINT      NOT NULL DEFAULT 0,
  ADD COLUMN payment_type   VARCHAR(16) NOT NULL DEFAULT '',
  ADD COLUMN payment_method VARCHAR(32) NOT NULL DEFAULT '',
  ADD COLUMN tm_last_topup  DATETIME(6) NULL,
  ADD COLUMN tm_next_topup  DATETIME(6) NULL;

-- One default account per customer: the unique key makes a redelivered customer_created a no-op.
-- default_for is customer_id on the default account and NULL on others (NULLs never collide).
ALTER TABLE billing_account
  ADD COLUMN default_for BINARY(16) NULL,
  ADD UNIQUE KEY ux_billing_account_default (default_for);

CREATE TABLE billing_billing (
  id                      BINARY(16)  NOT NULL PRIMARY KEY,
  customer_id             BINARY(16)  NOT NULL,
  account_id              BINARY(16)  NOT NULL,
  transaction_type        VARCHAR(16) NOT NULL,
  status                  VARCHAR(16) NOT NULL,
  reference_type          VARCHAR(32) NOT NULL,
  reference_id            BINARY(16)  NOT NULL,
  cost_type               VARCHAR(32) NOT NULL DEFAULT '',
  usage_duration          BIGINT      NOT NULL DEFAULT 0,
  billable_units          BIGINT      NOT NULL DEFAULT 0,
  rate_token_per_unit     BIGINT      NOT NULL DEFAULT 0,
  rate_credit_per_unit    BIGINT      NOT NULL DEFAULT 0,
  amount_token            BIGINT      NOT NULL DEFAULT 0,
  amount_credit           BIGINT      NOT NULL DEFAULT 0,
  balance_token_snapshot  BIGINT      NOT NULL DEFAULT 0,
  balance_credit_snapshot BIGINT      NOT NULL DEFAULT 0,
  tm_billing_start        DATETIME(6) NULL,
  tm_billing_end          DATETIME(6) NULL,
  tm_create               DATETIME(6) NOT NULL,
  tm_update               DATETIME(6) NULL,
  tm_delete               DATETIME(6) NULL,
  -- Exactly once per billed thing: a second charge of the same call cannot be written.
  UNIQUE KEY ux_billing_billing_reference (reference_type, reference_id),
  INDEX idx_billing_billing_customer (customer_id, id),
  INDEX idx_billing_billing_account (account_id, id)
) ENGINE=InnoDB;

-- Accounts that existed before the ledger get one opening entry, so balance = sum of the ledger holds for them too.
INSERT INTO billing_billing (id, customer_id, account_id, transaction_type, status, reference_type, reference_id,
                             amount_credit, balance_credit_snapshot, tm_create)
SELECT id, customer_id, id, 'adjustment', 'end', 'credit_adjustment', id, balance_credit, balance_credit, NOW(6)
FROM billing_account WHERE balance_credit <> 0;
