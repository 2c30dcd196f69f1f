-- Keyed audit log: entries from the seal on carry an HMAC-SHA256 whose key is kept outside the store, where keyed entries
-- begin (covered by the MAC), and the SHA-256 of each document they wrote in the same transaction. Earlier entries stay
-- plain SHA-256 ('sha256') and are verified as legacy. The seal itself (first keyed entry and the checkpoint file beside
-- the store) is written by SqliteAuditLog.Seal in this migration's transaction.
ALTER TABLE audit_log ADD COLUMN scheme TEXT NOT NULL DEFAULT 'sha256';
ALTER TABLE audit_log ADD COLUMN keyed_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';
