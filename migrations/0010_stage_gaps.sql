CREATE TABLE `stage_gaps` (
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`mineral_id`, `stage_id`),
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `stage_names` DROP COLUMN `note`;