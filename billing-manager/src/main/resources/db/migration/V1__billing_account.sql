CREATE TABLE billing_account (
  id              BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id     BINARY(16)   NOT NULL,
  name            VARCHAR(255) NOT NULL DEFAULT '',
  detail          TEXT         NOT NULL,
  type            VARCHAR(16)  NOT NULL,
  balance_micros  BIGINT       NOT NULL DEFAULT 0,
  tm_create       DATETIME(6)  NOT NULL,
  tm_update       DATETIME(6)  NULL,
  tm_delete       DATETIME(6)  NULL,
  INDEX idx_billing_account_customer (customer_id, id)
) ENGINE=InnoDB;
