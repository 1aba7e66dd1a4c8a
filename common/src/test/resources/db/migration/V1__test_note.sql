CREATE TABLE test_note (
  id          BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id BINARY(16)   NOT NULL,
  source      VARCHAR(64)  NOT NULL,
  text        VARCHAR(255) NOT NULL,
  tm_create   DATETIME(6)  NOT NULL
) ENGINE=InnoDB;
