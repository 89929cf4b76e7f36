CREATE TABLE `apparent_consumption` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`importer` text NOT NULL,
	`mineral_id` text NOT NULL,
	`form` text DEFAULT '' NOT NULL,
	`year` integer NOT NULL,
	`tonnes` real NOT NULL,
	`note` text,
	`estimated` integer DEFAULT false NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`importer`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `apparent_consumption_key` ON `apparent_consumption` (`importer`,`mineral_id`,`form`,`year`);