-- The contract's customer metadata (CustomerManagerMetadata): rtp_debug, set by PUT /customer/metadata
-- (the customer's admin) or PUT /customers/{id}/metadata (superadmin).
ALTER TABLE customer ADD COLUMN rtp_debug BOOLEAN NOT NULL DEFAULT FALSE;
