CREATE TABLE `hts_headings` (
	`hts` text NOT NULL,
	`description` text NOT NULL,
	`mineral_id` text,
	`stage_id` text,
	`proxy` integer NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`mineral_id`) REFERENCES `minerals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hts_headings_key` ON `hts_headings` (`hts`,`mineral_id`);--> statement-breakpoint
CREATE TABLE `trade_flows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reporter` text NOT NULL,
	`flow` text NOT NULL,
	`hts` text NOT NULL,
	`partner` text NOT NULL,
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`value_usd` integer,
	`edition` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`reporter`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trade_flows_key` ON `trade_flows` (`reporter`,`flow`,`hts`,`partner`,`year`,`period`,`edition`);--> statement-breakpoint
CREATE INDEX `trade_flows_partner` ON `trade_flows` (`partner`,`hts`);--> statement-breakpoint
CREATE TABLE `trade_quantities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reporter` text NOT NULL,
	`flow` text NOT NULL,
	`hts` text NOT NULL,
	`partner` text NOT NULL,
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`measure` text NOT NULL,
	`unit` text NOT NULL,
	`quantity` integer,
	`suppressed` integer NOT NULL,
	`value_usd` integer,
	`edition` text NOT NULL,
	FOREIGN KEY (`reporter`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner`) REFERENCES `countries`(`iso3`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`edition`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trade_quantities_key` ON `trade_quantities` (`reporter`,`flow`,`hts`,`partner`,`year`,`period`,`measure`,`unit`,`edition`);