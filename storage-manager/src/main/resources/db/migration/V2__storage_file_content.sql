-- CreateFile stores the bytes: their hash and media type are kept with the metadata, and the
-- idempotency key customer_id + reference_id + filename is unique. MariaDB treats NULLs in a unique
-- key as distinct, so files without a reference_id (plain uploads) are never de-duplicated.
-- filename compares byte-exactly (utf8mb4_bin): "Rec.wav" and "rec.wav" are different files.
ALTER TABLE storage_file
  MODIFY COLUMN filename VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  ADD COLUMN content_type VARCHAR(255) NOT NULL DEFAULT '' AFTER filesize,
  ADD COLUMN sha256 CHAR(64) NOT NULL DEFAULT '' AFTER content_type,
  ADD UNIQUE KEY uk_storage_file_reference (customer_id, reference_id, filename);
