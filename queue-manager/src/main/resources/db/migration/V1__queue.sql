CREATE TABLE queue (
  id                  BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id         BINARY(16)   NOT NULL,
  name                VARCHAR(255) NOT NULL DEFAULT '',
  detail              TEXT         NOT NULL,
  routing_method      VARCHAR(16)  NOT NULL,
  tag_ids             TEXT         NOT NULL,
  wait_timeout_ms     BIGINT       NOT NULL DEFAULT 0,
  service_timeout_ms  BIGINT       NOT NULL DEFAULT 0,
  wait_flow_id        BINARY(16)   NULL,
  tm_create           DATETIME(6)  NOT NULL,
  tm_update           DATETIME(6)  NULL,
  tm_delete           DATETIME(6)  NULL,
  INDEX idx_queue_customer (customer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
