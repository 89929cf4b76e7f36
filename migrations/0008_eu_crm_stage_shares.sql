CREATE TABLE `criticality_inputs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessor` text NOT NULL,
	`mineral_id` text NOT NULL,
	`material` text NOT NULL,
	`stage_id` text NOT NULL,
	`supply_risk` real,
	`economic_importance` real,
	`supply_risk_extraction` real,
	`supply_risk_processing` real,
	`end_of_life_rir` real,
	`substitution_sr` real,
	`supply_scope` text,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`assessor`) REFERENCES `importers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criticality_inputs_key` ON `criticality_inputs` (`assessor`,`mineral_id`,`edition`);--> statement-breakpoint
CREATE TABLE `importers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`group_id` text,
	`note` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sourcing_shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`importer` text NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`country` text NOT NULL,
	`share_pct` real,
	`share_text` text NOT NULL,
	`trade_factor` real,
	`period` text NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`importer`) REFERENCES `importers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sourcing_shares_key` ON `sourcing_shares` (`importer`,`mineral_id`,`stage_id`,`country`,`edition`);--> statement-breakpoint
CREATE TABLE `stage_names` (
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`name` text NOT NULL,
	`note` text,
	`source_id` text NOT NULL,
	PRIMARY KEY(`mineral_id`, `stage_id`),
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stage_reliance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`importer` text NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`percent` real NOT NULL,
	`assessed` integer DEFAULT false NOT NULL,
	`material` text NOT NULL,
	`period` text NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`importer`) REFERENCES `importers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stage_reliance_key` ON `stage_reliance` (`importer`,`mineral_id`,`stage_id`,`edition`);--> statement-breakpoint
CREATE TABLE `stage_shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mineral_id` text NOT NULL,
	`stage_id` text NOT NULL,
	`basis_id` text NOT NULL,
	`country` text NOT NULL,
	`share_pct` real,
	`share_text` text NOT NULL,
	`below_threshold` integer DEFAULT false NOT NULL,
	`trade_factor` real,
	`period` text NOT NULL,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`basis_id`) REFERENCES `bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stage_shares_key` ON `stage_shares` (`mineral_id`,`stage_id`,`basis_id`,`country`,`edition`);