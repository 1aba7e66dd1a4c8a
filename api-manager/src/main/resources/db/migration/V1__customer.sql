-- A customer is the tenant itself: its id is the customer_id every other manager filters by.
CREATE TABLE customer (
  id              BINARY(16)    NOT NULL PRIMARY KEY,
  name            VARCHAR(255)  NOT NULL DEFAULT '',
  detail          TEXT          NOT NULL,
  webhook_method  VARCHAR(8)    NOT NULL DEFAULT '',
  webhook_uri     VARCHAR(2048) NOT NULL DEFAULT '',
  tm_create       DATETIME(6)   NOT NULL,
  tm_update       DATETIME(6)   NULL,
  tm_delete       DATETIME(6)   NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
