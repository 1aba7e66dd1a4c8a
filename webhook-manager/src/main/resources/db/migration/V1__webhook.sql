-- One webhook per customer (SetWebhook is an upsert on customer_id).
CREATE TABLE webhook (
  id              BINARY(16)    NOT NULL PRIMARY KEY,
  customer_id     BINARY(16)    NOT NULL,
  method          VARCHAR(8)    NOT NULL,
  uri             VARCHAR(2048) NOT NULL,
  event_types     TEXT          NOT NULL,
  secret          VARCHAR(255)  NULL,
  tm_create       DATETIME(6)   NOT NULL,
  tm_update       DATETIME(6)   NULL,
  tm_delete       DATETIME(6)   NULL,
  UNIQUE KEY uk_webhook_customer (customer_id),
  INDEX idx_webhook_customer (customer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
