-- Governance figures gain an edition (migration 0007), which SQLite cannot add as NOT NULL to rows already stored.
-- The dataset is rebuilt from data/ anyway: empty the table and forget the version, so the next start re-seeds.
DELETE FROM `governance`;--> statement-breakpoint
DELETE FROM `dataset_meta` WHERE `key` IN ('version', 'content_hash');
