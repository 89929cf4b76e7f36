CREATE TABLE "hts_headings" (
	"hts" text NOT NULL,
	"description" text NOT NULL,
	"mineral_id" text,
	"stage_id" text,
	"proxy" boolean NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_flows" (
	"id" serial PRIMARY KEY NOT NULL,
	"reporter" text NOT NULL,
	"flow" text NOT NULL,
	"hts" text NOT NULL,
	"partner" text NOT NULL,
	"year" integer NOT NULL,
	"period" text NOT NULL,
	"value_usd" integer,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_quantities" (
	"id" serial PRIMARY KEY NOT NULL,
	"reporter" text NOT NULL,
	"flow" text NOT NULL,
	"hts" text NOT NULL,
	"partner" text NOT NULL,
	"year" integer NOT NULL,
	"period" text NOT NULL,
	"measure" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer,
	"suppressed" boolean NOT NULL,
	"value_usd" integer,
	"edition" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hts_headings" ADD CONSTRAINT "hts_headings_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hts_headings" ADD CONSTRAINT "hts_headings_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_flows" ADD CONSTRAINT "trade_flows_reporter_countries_iso3_fk" FOREIGN KEY ("reporter") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_flows" ADD CONSTRAINT "trade_flows_partner_countries_iso3_fk" FOREIGN KEY ("partner") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_flows" ADD CONSTRAINT "trade_flows_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_flows" ADD CONSTRAINT "trade_flows_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_quantities" ADD CONSTRAINT "trade_quantities_reporter_countries_iso3_fk" FOREIGN KEY ("reporter") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_quantities" ADD CONSTRAINT "trade_quantities_partner_countries_iso3_fk" FOREIGN KEY ("partner") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_quantities" ADD CONSTRAINT "trade_quantities_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hts_headings_key" ON "hts_headings" USING btree ("hts","mineral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_flows_key" ON "trade_flows" USING btree ("reporter","flow","hts","partner","year","period","edition");--> statement-breakpoint
CREATE INDEX "trade_flows_partner" ON "trade_flows" USING btree ("partner","hts");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_quantities_key" ON "trade_quantities" USING btree ("reporter","flow","hts","partner","year","period","measure","unit","edition");