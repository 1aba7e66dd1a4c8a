-- HTTP actions (fetch, fetch_flow, webhook_send) the activeflow has run: bounded by flow.engine.max-http-actions.
ALTER TABLE activeflow ADD COLUMN http_action_count INT NOT NULL DEFAULT 0;
