CREATE TABLE `capacity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`basis_id` text NOT NULL,
	`tonnes` real NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`lower_bound` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`basis_id`) REFERENCES `bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `capacity_key` ON `capacity` (`mineral_id`,`stage_id`,`country`,`year`,`basis_id`,`edition`);--> statement-breakpoint
CREATE TABLE `critical_minerals` (
	`mineral_id` text NOT NULL,
	`list` text NOT NULL,
	`critical` integer NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`mineral_id`, `list`, `edition`),
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `editions` (
	`id` text PRIMARY KEY NOT NULL,
	`family` text NOT NULL,
	`publisher` text NOT NULL,
	`title` text NOT NULL,
	`doi` text,
	`url` text,
	`published` text NOT NULL,
	`data_years` text NOT NULL,
	`notes` text
);
--> statement-breakpoint
CREATE TABLE `prices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`series` text NOT NULL,
	`description` text NOT NULL,
	`unit` text NOT NULL,
	`year` integer NOT NULL,
	`value` real,
	`value_text` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prices_key` ON `prices` (`mineral_id`,`series`,`year`,`edition`);--> statement-breakpoint
CREATE TABLE `salient` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`country` text NOT NULL,
	`mineral_id` text NOT NULL,
	`statistic` text NOT NULL,
	`detail` text NOT NULL,
	`unit` text NOT NULL,
	`year` integer NOT NULL,
	`value` real,
	`value_text` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `salient_key` ON `salient` (`country`,`mineral_id`,`statistic`,`detail`,`year`,`edition`);--> statement-breakpoint
DROP INDEX `apparent_consumption_key`;--> statement-breakpoint
ALTER TABLE `apparent_consumption` ADD `edition` text NOT NULL REFERENCES editions(id);--> statement-breakpoint
CREATE UNIQUE INDEX `apparent_consumption_key` ON `apparent_consumption` (`importer`,`mineral_id`,`form`,`year`,`edition`);--> statement-breakpoint
DROP INDEX `import_reliance_key`;--> statement-breakpoint
ALTER TABLE `import_reliance` ADD `edition` text NOT NULL REFERENCES editions(id);--> statement-breakpoint
CREATE UNIQUE INDEX `import_reliance_key` ON `import_reliance` (`importer`,`mineral_id`,`form`,`year`,`edition`);--> statement-breakpoint
DROP INDEX `import_sources_key`;--> statement-breakpoint
ALTER TABLE `import_sources` ADD `edition` text NOT NULL REFERENCES editions(id);--> statement-breakpoint
CREATE UNIQUE INDEX `import_sources_key` ON `import_sources` (`importer`,`mineral_id`,`form`,`period`,`country`,`edition`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_production` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`basis_id` text NOT NULL,
	`tonnes` real,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`withheld` integer DEFAULT false NOT NULL,
	`lower_bound` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`basis_id`) REFERENCES `bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_production`("id", "mineral_id", "stage_id", "country", "year", "basis_id", "tonnes", "edition", "source_id", "estimated", "withheld", "lower_bound") SELECT "id", "mineral_id", "stage_id", "country", "year", "basis_id", "tonnes", "edition", "source_id", "estimated", "withheld", "lower_bound" FROM `production`;--> statement-breakpoint
DROP TABLE `production`;--> statement-breakpoint
ALTER TABLE `__new_production` RENAME TO `production`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `production_key` ON `production` (`mineral_id`,`stage_id`,`country`,`year`,`basis_id`,`edition`);--> statement-breakpoint
CREATE INDEX `production_country` ON `production` (`country`);--> statement-breakpoint
DROP INDEX `reserves_key`;--> statement-breakpoint
ALTER TABLE `reserves` ADD `edition` text NOT NULL REFERENCES editions(id);--> statement-breakpoint
CREATE UNIQUE INDEX `reserves_key` ON `reserves` (`mineral_id`,`country`,`year`,`basis`,`edition`);