-- Identity: customer contact fields, agents (login identities) and access keys.
ALTER TABLE customer
  ADD COLUMN email                VARCHAR(320)  NULL,
  ADD COLUMN phone_number         VARCHAR(64)   NOT NULL DEFAULT '',
  ADD COLUMN address              VARCHAR(1024) NOT NULL DEFAULT '',
  ADD COLUMN status               VARCHAR(16)   NOT NULL DEFAULT 'active',
  ADD COLUMN email_verified       BOOLEAN       NOT NULL DEFAULT FALSE,
  ADD COLUMN billing_account_id   BINARY(16)    NULL,
  ADD UNIQUE INDEX idx_customer_email (email),
  ADD INDEX idx_customer_tm_delete (tm_delete);

-- An agent is a login identity of one customer. permission is the reference bitmask:
-- 1 project superadmin, 16 customer agent, 32 customer admin, 64 customer manager.
CREATE TABLE agent (
  id              BINARY(16)    NOT NULL PRIMARY KEY,
  customer_id     BINARY(16)    NOT NULL,
  username        VARCHAR(255)  NOT NULL,
  password_hash   VARCHAR(255)  NOT NULL,
  name            VARCHAR(255)  NOT NULL DEFAULT '',
  detail          TEXT          NOT NULL,
  ring_method     VARCHAR(16)   NOT NULL DEFAULT 'ringall',
  status          VARCHAR(16)   NOT NULL DEFAULT 'offline',
  permission      BIGINT        NOT NULL DEFAULT 0,
  tm_create       DATETIME(6)   NOT NULL,
  tm_update       DATETIME(6)   NULL,
  tm_delete       DATETIME(6)   NULL,
  UNIQUE INDEX idx_agent_username (username),
  INDEX idx_agent_customer (customer_id, tm_delete, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Access keys: the secret is shown once at creation; only its SHA-256 (hex) is stored.
CREATE TABLE accesskey (
  id              BINARY(16)    NOT NULL PRIMARY KEY,
  customer_id     BINARY(16)    NOT NULL,
  name            VARCHAR(255)  NOT NULL DEFAULT '',
  detail          TEXT          NOT NULL,
  token_hash      CHAR(64)      NOT NULL,
  token_prefix    VARCHAR(16)   NOT NULL,
  tm_expire       DATETIME(6)   NOT NULL,
  tm_create       DATETIME(6)   NOT NULL,
  tm_update       DATETIME(6)   NULL,
  tm_delete       DATETIME(6)   NULL,
  UNIQUE INDEX idx_accesskey_token_hash (token_hash),
  INDEX idx_accesskey_customer (customer_id, tm_delete, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
