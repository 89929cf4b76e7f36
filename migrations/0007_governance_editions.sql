CREATE TABLE `governance_notes` (
	`country` text PRIMARY KEY NOT NULL,
	`note` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_governance` (
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`indicator` text NOT NULL,
	`value` real NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`country`, `year`, `indicator`, `edition`),
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- No rows to copy: 0006 emptied the table (the old one has no edition column), and the next start re-seeds it.
DROP TABLE `governance`;--> statement-breakpoint
ALTER TABLE `__new_governance` RENAME TO `governance`;--> statement-breakpoint
PRAGMA foreign_keys=ON;