-- One row per requested delivery (SendWebhook); its attempts are in webhook_delivery_attempt.
-- reference_key is the caller's idempotency key: a second request with the same key is the same delivery.
CREATE TABLE webhook_delivery (
  id               BINARY(16)    NOT NULL PRIMARY KEY,
  customer_id      BINARY(16)    NOT NULL,
  reference_type   VARCHAR(32)   NOT NULL,
  reference_id     BINARY(16)    NULL,
  reference_key    VARCHAR(191)  NOT NULL,
  uri              VARCHAR(2048) NOT NULL,
  method           VARCHAR(8)    NOT NULL,
  data_type        VARCHAR(255)  NOT NULL,
  body             MEDIUMBLOB    NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  http_code        INT           NULL,
  error            VARCHAR(1024) NULL,
  tm_last_attempt  DATETIME(6)   NULL,
  tm_next_attempt  DATETIME(6)   NULL,
  tm_create        DATETIME(6)   NOT NULL,
  tm_update        DATETIME(6)   NULL,
  tm_delete        DATETIME(6)   NULL,
  UNIQUE KEY uk_webhook_delivery_reference (customer_id, reference_key),
  INDEX idx_webhook_delivery_customer (customer_id, id),
  INDEX idx_webhook_delivery_reference (customer_id, reference_type, reference_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every attempt of a delivery: its HTTP status or transport error and when it ran.
CREATE TABLE webhook_delivery_attempt (
  id               BINARY(16)    NOT NULL PRIMARY KEY,
  customer_id      BINARY(16)    NOT NULL,
  delivery_id      BINARY(16)    NOT NULL,
  attempt          INT           NOT NULL,
  http_code        INT           NULL,
  error            VARCHAR(1024) NULL,
  tm_start         DATETIME(6)   NOT NULL,
  tm_end           DATETIME(6)   NOT NULL,
  tm_create        DATETIME(6)   NOT NULL,
  tm_update        DATETIME(6)   NULL,
  tm_delete        DATETIME(6)   NULL,
  UNIQUE KEY uk_webhook_delivery_attempt (delivery_id, attempt),
  INDEX idx_webhook_delivery_attempt_customer (customer_id, delivery_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
