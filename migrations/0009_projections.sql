CREATE TABLE `projections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`basis_id` text NOT NULL,
	`tonnes` real NOT NULL,
	`scenario` text NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`basis_id`) REFERENCES `bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projections_key` ON `projections` (`mineral_id`,`stage_id`,`country`,`year`,`basis_id`,`scenario`,`edition`);