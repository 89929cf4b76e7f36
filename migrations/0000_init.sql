CREATE TABLE `bases` (
	`id` text PRIMARY KEY NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`label` text NOT NULL,
	`description` text NOT NULL,
	`priority` integer NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `countries` (
	`iso3` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`aliases` text DEFAULT '' NOT NULL,
	`region` text,
	`is_aggregate` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dataset_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `defense_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`mineral_id` text NOT NULL,
	`category` text NOT NULL,
	`application` text NOT NULL,
	`description` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `governance` (
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`indicator` text NOT NULL,
	`value` real NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`country`, `year`, `indicator`),
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`country` text NOT NULL,
	`joined` text,
	`source_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `country`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `import_reliance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`importer` text NOT NULL,
	`mineral_id` text NOT NULL,
	`form` text DEFAULT '' NOT NULL,
	`year` integer NOT NULL,
	`percent` real,
	`qualifier` text NOT NULL,
	`value_text` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`importer`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_reliance_key` ON `import_reliance` (`importer`,`mineral_id`,`form`,`year`);--> statement-breakpoint
CREATE TABLE `import_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`importer` text NOT NULL,
	`mineral_id` text NOT NULL,
	`form` text DEFAULT '' NOT NULL,
	`period` text NOT NULL,
	`country` text NOT NULL,
	`share_pct` real,
	`rank` integer NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`importer`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_sources_key` ON `import_sources` (`importer`,`mineral_id`,`form`,`period`,`country`);--> statement-breakpoint
CREATE TABLE `minerals` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`symbol` text,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `production` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`basis_id` text NOT NULL,
	`tonnes` real,
	`edition` integer,
	`source_id` text NOT NULL,
	`estimated` integer DEFAULT false NOT NULL,
	`withheld` integer DEFAULT false NOT NULL,
	`lower_bound` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`basis_id`) REFERENCES `bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `production_key` ON `production` (`mineral_id`,`stage_id`,`country`,`year`,`basis_id`);--> statement-breakpoint
CREATE INDEX `production_country` ON `production` (`country`);--> statement-breakpoint
CREATE TABLE `reserves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`country` text NOT NULL,
	`year` integer NOT NULL,
	`tonnes` real NOT NULL,
	`basis` text NOT NULL,
	`source_id` text NOT NULL,
	`lower_bound` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reserves_key` ON `reserves` (`mineral_id`,`country`,`year`,`basis`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`edition` text,
	`year` integer,
	`locator` text,
	`url` text,
	`licence` text,
	`notes` text
);
--> statement-breakpoint
CREATE TABLE `stages` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL,
	`description` text NOT NULL
);
