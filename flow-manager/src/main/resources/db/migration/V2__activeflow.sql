ALTER TABLE flow ADD COLUMN on_complete_flow_id BINARY(16) NULL;

-- One running flow per call (or API run). All engine state lives here, so any replica (or a
-- restarted one) continues where the last step left off; steps lock the row (SELECT ... FOR UPDATE).
CREATE TABLE activeflow (
  id                       BINARY(16)   NOT NULL PRIMARY KEY,
  customer_id              BINARY(16)   NOT NULL,
  flow_id                  BINARY(16)   NULL,
  status                   VARCHAR(16)  NOT NULL,
  reference_type           VARCHAR(32)  NOT NULL DEFAULT '',
  reference_id             BINARY(16)   NULL,
  reference_activeflow_id  BINARY(16)   NULL,
  on_complete_flow_id      BINARY(16)   NULL,
  stack_map                MEDIUMTEXT   NOT NULL,
  current_stack_id         VARCHAR(36)  NOT NULL,
  current_action           TEXT         NOT NULL,
  forward_stack_id         VARCHAR(36)  NULL,
  forward_action_id        VARCHAR(36)  NULL,
  last_request_action_id   VARCHAR(36)  NULL,
  execute_count            INT          NOT NULL DEFAULT 0,
  executed_actions         MEDIUMTEXT   NOT NULL,
  tm_create                DATETIME(6)  NOT NULL,
  tm_update                DATETIME(6)  NULL,
  tm_delete                DATETIME(6)  NULL,
  INDEX idx_activeflow_customer (customer_id, id),
  INDEX idx_activeflow_reference (reference_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Flow variables, one row per (activeflow, name).
CREATE TABLE activeflow_variable (
  activeflow_id  BINARY(16)    NOT NULL,
  name           VARCHAR(255)  NOT NULL,
  value          MEDIUMTEXT    NOT NULL,
  PRIMARY KEY (activeflow_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
