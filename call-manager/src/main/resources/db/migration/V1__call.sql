-- `call` is a reserved word in MariaDB/MySQL: always quoted.
CREATE TABLE `call` (
  id               BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id      BINARY(16)   NOT NULL,
  flow_id          BINARY(16)   NULL,
  activeflow_id    BINARY(16)   NULL,
  type             VARCHAR(16)  NOT NULL,
  direction        VARCHAR(16)  NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  source           TEXT         NOT NULL,
  destination      TEXT         NOT NULL,
  hangup_by        VARCHAR(16)  NOT NULL DEFAULT '',
  hangup_reason    VARCHAR(32)  NOT NULL DEFAULT '',
  tm_create        DATETIME(6)  NOT NULL,
  tm_update        DATETIME(6)  NULL,
  tm_ringing       DATETIME(6)  NULL,
  tm_progressing   DATETIME(6)  NULL,
  tm_hangup        DATETIME(6)  NULL,
  tm_delete        DATETIME(6)  NULL,
  INDEX idx_call_customer (customer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
