-- WebSocket tickets: a short-lived, single-use credential for the WebSocket upgrade (browsers cannot set an
-- Authorization header there). Only the SHA-256 (hex) of the ticket is stored; using it deletes the row.
CREATE TABLE ws_ticket (
  token_hash      CHAR(64)      NOT NULL PRIMARY KEY,
  kind            VARCHAR(16)   NOT NULL,
  customer_id     BINARY(16)    NOT NULL,
  agent_id        BINARY(16)    NULL,
  accesskey_id    BINARY(16)    NULL,
  -- the issuing JWT's expiry: the socket is closed then (null for an access key, re-checked instead)
  not_after       DATETIME(6)   NULL,
  tm_expire       DATETIME(6)   NOT NULL,
  INDEX idx_ws_ticket_tm_expire (tm_expire)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Signups waiting for their email to be verified: no customer exists until then. The token mailed to the
-- address is stored as its SHA-256 (hex); verifying deletes the row (single use).
CREATE TABLE signup_pending (
  id              BINARY(16)    NOT NULL PRIMARY KEY,
  token_hash      CHAR(64)      NOT NULL,
  email           VARCHAR(320)  NOT NULL,
  name            VARCHAR(255)  NOT NULL DEFAULT '',
  detail          TEXT          NOT NULL,
  phone_number    VARCHAR(64)   NOT NULL DEFAULT '',
  address         VARCHAR(1024) NOT NULL DEFAULT '',
  webhook_method  VARCHAR(8)    NOT NULL DEFAULT '',
  webhook_uri     VARCHAR(2048) NOT NULL DEFAULT '',
  tm_create       DATETIME(6)   NOT NULL,
  tm_expire       DATETIME(6)   NOT NULL,
  UNIQUE INDEX idx_signup_pending_token_hash (token_hash),
  INDEX idx_signup_pending_tm_expire (tm_expire)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
