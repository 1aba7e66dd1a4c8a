-- The contract's number metadata (NumberManagerMetadata.rtp_debug), set by UpdateNumberMetadata.
ALTER TABLE `number` ADD COLUMN rtp_debug BOOLEAN NOT NULL DEFAULT FALSE;
