-- Every figure gains an edition (migration 0004), which SQLite cannot add as NOT NULL to rows already stored.
-- The dataset is rebuilt from data/ anyway: empty the figure tables and forget the version, so the next start
-- re-seeds (the change feed is kept; new versions continue above it).
DELETE FROM `production`;--> statement-breakpoint
DELETE FROM `reserves`;--> statement-breakpoint
DELETE FROM `import_reliance`;--> statement-breakpoint
DELETE FROM `import_sources`;--> statement-breakpoint
DELETE FROM `apparent_consumption`;--> statement-breakpoint
DELETE FROM `dataset_meta` WHERE `key` IN ('version', 'content_hash');
