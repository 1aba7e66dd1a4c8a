CREATE TABLE transfer (
  id                        BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id               BINARY(16)   NOT NULL,
  type                      VARCHAR(16)  NOT NULL,
  transferer_call_id        BINARY(16)   NOT NULL,
  transferee_addresses      TEXT         NOT NULL,
  status                    VARCHAR(16)  NOT NULL,
  tm_create                 DATETIME(6)  NOT NULL,
  tm_update                 DATETIME(6)  NULL,
  tm_delete                 DATETIME(6)  NULL,
  INDEX idx_transfer_customer (customer_id, id),
  INDEX idx_transfer_transferer_call (transferer_call_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
