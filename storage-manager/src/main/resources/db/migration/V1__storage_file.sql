CREATE TABLE storage_file (
  id                  BINARY(16)    NOT NULL PRIMARY KEY,
  customer_id         BINARY(16)    NOT NULL,
  reference_type      VARCHAR(16)   NOT NULL,
  reference_id        BINARY(16)    NULL,
  name                VARCHAR(255)  NOT NULL DEFAULT '',
  filename            VARCHAR(255)  NOT NULL DEFAULT '',
  filesize            BIGINT        NOT NULL DEFAULT 0,
  uri_download        VARCHAR(2048) NOT NULL DEFAULT '',
  tm_download_expire  DATETIME(6)   NULL,
  tm_create           DATETIME(6)   NOT NULL,
  tm_update           DATETIME(6)   NULL,
  tm_delete           DATETIME(6)   NULL,
  INDEX idx_storage_file_customer (customer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
