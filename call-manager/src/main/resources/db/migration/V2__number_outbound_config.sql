-- Numbers: a number (E.164, stored normalised) is owned by at most one live customer. Deleted rows
-- stay (soft delete) and drop out of the uniqueness through the generated live_number column.
CREATE TABLE `number` (
  id               BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id      BINARY(16)   NOT NULL,
  `number`         VARCHAR(32)  NOT NULL,
  type             VARCHAR(16)  NOT NULL DEFAULT 'normal',
  call_flow_id     BINARY(16)   NULL,
  message_flow_id  BINARY(16)   NULL,
  name             VARCHAR(255) NOT NULL DEFAULT '',
  detail           TEXT         NOT NULL,
  status           VARCHAR(16)  NOT NULL DEFAULT 'active',
  tm_create        DATETIME(6)  NOT NULL,
  tm_update        DATETIME(6)  NULL,
  tm_delete        DATETIME(6)  NULL,
  live_number      VARCHAR(32)  AS (IF(tm_delete IS NULL, `number`, NULL)) PERSISTENT,
  UNIQUE KEY uk_number_live (live_number),
  INDEX idx_number_customer (customer_id, id),
  INDEX idx_number_number (`number`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One live outbound config per customer, created empty on its first read (INSERT IGNORE against
-- uk_outbound_config_live, so concurrent first reads on several replicas create exactly one).
CREATE TABLE outbound_config (
  id                                 BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id                        BINARY(16)   NOT NULL,
  name                               VARCHAR(255) NOT NULL DEFAULT '',
  detail                             TEXT         NOT NULL,
  destination_whitelist              TEXT         NOT NULL,
  codecs                             VARCHAR(255) NOT NULL DEFAULT '',
  default_outgoing_source_number_id  BINARY(16)   NULL,
  tm_create                          DATETIME(6)  NOT NULL,
  tm_update                          DATETIME(6)  NULL,
  tm_delete                          DATETIME(6)  NULL,
  live_customer_id                   BINARY(16)   AS (IF(tm_delete IS NULL, customer_id, NULL)) PERSISTENT,
  UNIQUE KEY uk_outbound_config_live (live_customer_id),
  INDEX idx_outbound_config_customer (customer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
