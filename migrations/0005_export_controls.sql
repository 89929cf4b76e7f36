CREATE TABLE `export_controls` (
	`id` text PRIMARY KEY NOT NULL,
	`imposing_country` text NOT NULL,
	`instrument` text NOT NULL,
	`title` text NOT NULL,
	`measure` text NOT NULL,
	`target` text NOT NULL,
	`end_users` text,
	`minerals` text NOT NULL,
	`stages` text DEFAULT '' NOT NULL,
	`covers` text NOT NULL,
	`announced` text,
	`effective` text,
	`ends` text,
	`lifted` text,
	`suspends` text,
	`replaced_by` text,
	`note` text,
	`source_id` text NOT NULL,
	`confidence` text NOT NULL,
	FOREIGN KEY (`imposing_country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `export_controls_imposing` ON `export_controls` (`imposing_country`);