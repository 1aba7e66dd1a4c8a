CREATE TABLE flow (
  id              BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id     BINARY(16)   NOT NULL,
  type            VARCHAR(16)  NOT NULL,
  name            VARCHAR(255) NOT NULL DEFAULT '',
  detail          TEXT         NOT NULL,
  actions         MEDIUMTEXT   NOT NULL,
  persist         BOOLEAN      NOT NULL DEFAULT FALSE,
  tm_create       DATETIME(6)  NOT NULL,
  tm_update       DATETIME(6)  NULL,
  tm_delete       DATETIME(6)  NULL,
  INDEX idx_flow_customer (customer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
