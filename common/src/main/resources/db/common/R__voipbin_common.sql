-- Tables common/ needs in every manager's schema (repeatable: re-applied when this file changes,
-- so every statement must be idempotent).

-- Message ids of events already handled: written in the handler's own transaction.
CREATE TABLE IF NOT EXISTS event_inbox (
  message_id    BINARY(16)  NOT NULL PRIMARY KEY,
  tm_processed  DATETIME(6) NOT NULL,
  INDEX idx_event_inbox_processed (tm_processed)
) ENGINE=InnoDB;

-- Events that must not be lost: written with the state change, relayed to the broker afterwards.
CREATE TABLE IF NOT EXISTS event_outbox (
  message_id    BINARY(16)  NOT NULL PRIMARY KEY,
  customer_id   BINARY(16)  NULL,
  body          LONGTEXT    NOT NULL,
  tm_create     DATETIME(6) NOT NULL
) ENGINE=InnoDB;

-- Durable timers, claimed with SELECT ... FOR UPDATE SKIP LOCKED.
CREATE TABLE IF NOT EXISTS durable_timer (
  id            BINARY(16)   NOT NULL PRIMARY KEY,
  kind          VARCHAR(64)  NOT NULL,
  timer_key     VARCHAR(191) NOT NULL,
  customer_id   BINARY(16)   NULL,
  payload       TEXT         NOT NULL,
  fire_at       DATETIME(6)  NOT NULL,
  attempts      INT          NOT NULL DEFAULT 0,
  last_error    TEXT         NULL,
  tm_failed     DATETIME(6)  NULL,
  tm_create     DATETIME(6)  NOT NULL,
  UNIQUE KEY uk_durable_timer_kind_key (kind, timer_key),
  INDEX idx_durable_timer_due (tm_failed, fire_at)
) ENGINE=InnoDB;
