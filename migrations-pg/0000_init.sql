CREATE TABLE "stages" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minerals" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"symbol" text,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bases" (
	"id" text PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"label" text NOT NULL,
	"description" text NOT NULL,
	"priority" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"iso3" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"aliases" text DEFAULT '' NOT NULL,
	"region" text,
	"is_aggregate" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"publisher" text NOT NULL,
	"edition" text,
	"year" integer,
	"locator" text,
	"url" text,
	"licence" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" text PRIMARY KEY NOT NULL,
	"family" text NOT NULL,
	"publisher" text NOT NULL,
	"title" text NOT NULL,
	"doi" text,
	"url" text,
	"published" text NOT NULL,
	"data_years" text NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "production" (
	"id" serial PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"country" text NOT NULL,
	"year" integer NOT NULL,
	"basis_id" text NOT NULL,
	"tonnes" double precision,
	"edition" text NOT NULL,
	"source_id" text NOT NULL,
	"estimated" boolean DEFAULT false NOT NULL,
	"withheld" boolean DEFAULT false NOT NULL,
	"lower_bound" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projections" (
	"id" serial PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"country" text NOT NULL,
	"year" integer NOT NULL,
	"basis_id" text NOT NULL,
	"tonnes" double precision NOT NULL,
	"scenario" text NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capacity" (
	"id" serial PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"country" text NOT NULL,
	"year" integer NOT NULL,
	"basis_id" text NOT NULL,
	"tonnes" double precision NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL,
	"estimated" boolean DEFAULT false NOT NULL,
	"lower_bound" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserves" (
	"id" serial PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"country" text NOT NULL,
	"year" integer NOT NULL,
	"tonnes" double precision NOT NULL,
	"basis" text NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL,
	"lower_bound" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_reliance" (
	"id" serial PRIMARY KEY NOT NULL,
	"importer" text NOT NULL,
	"mineral_id" text NOT NULL,
	"form" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"percent" double precision,
	"qualifier" text NOT NULL,
	"value_text" text NOT NULL,
	"estimated" boolean DEFAULT false NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"importer" text NOT NULL,
	"mineral_id" text NOT NULL,
	"form" text DEFAULT '' NOT NULL,
	"period" text NOT NULL,
	"country" text NOT NULL,
	"share_pct" double precision,
	"rank" integer NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "apparent_consumption" (
	"id" serial PRIMARY KEY NOT NULL,
	"importer" text NOT NULL,
	"mineral_id" text NOT NULL,
	"form" text DEFAULT '' NOT NULL,
	"year" integer NOT NULL,
	"tonnes" double precision NOT NULL,
	"note" text,
	"estimated" boolean DEFAULT false NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"id" serial PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"series" text NOT NULL,
	"description" text NOT NULL,
	"unit" text NOT NULL,
	"year" integer NOT NULL,
	"value" double precision,
	"value_text" text NOT NULL,
	"estimated" boolean DEFAULT false NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "salient" (
	"id" serial PRIMARY KEY NOT NULL,
	"country" text NOT NULL,
	"mineral_id" text NOT NULL,
	"statistic" text NOT NULL,
	"detail" text NOT NULL,
	"unit" text NOT NULL,
	"year" integer NOT NULL,
	"value" double precision,
	"value_text" text NOT NULL,
	"estimated" boolean DEFAULT false NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "critical_minerals" (
	"mineral_id" text NOT NULL,
	"list" text NOT NULL,
	"critical" boolean NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL,
	CONSTRAINT "critical_minerals_mineral_id_list_edition_pk" PRIMARY KEY("mineral_id","list","edition")
);
--> statement-breakpoint
CREATE TABLE "defense_uses" (
	"id" text PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"category" text NOT NULL,
	"application" text NOT NULL,
	"description" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" text NOT NULL,
	"country" text NOT NULL,
	"joined" text,
	"source_id" text NOT NULL,
	CONSTRAINT "group_members_group_id_country_pk" PRIMARY KEY("group_id","country")
);
--> statement-breakpoint
CREATE TABLE "importers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"group_id" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "stage_names" (
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"name" text NOT NULL,
	"source_id" text NOT NULL,
	CONSTRAINT "stage_names_mineral_id_stage_id_pk" PRIMARY KEY("mineral_id","stage_id")
);
--> statement-breakpoint
CREATE TABLE "stage_gaps" (
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"source_id" text NOT NULL,
	CONSTRAINT "stage_gaps_mineral_id_stage_id_pk" PRIMARY KEY("mineral_id","stage_id")
);
--> statement-breakpoint
CREATE TABLE "stage_shares" (
	"id" serial PRIMARY KEY NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"basis_id" text NOT NULL,
	"country" text NOT NULL,
	"share_pct" double precision,
	"share_text" text NOT NULL,
	"below_threshold" boolean DEFAULT false NOT NULL,
	"trade_factor" double precision,
	"period" text NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sourcing_shares" (
	"id" serial PRIMARY KEY NOT NULL,
	"importer" text NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"country" text NOT NULL,
	"share_pct" double precision,
	"share_text" text NOT NULL,
	"trade_factor" double precision,
	"period" text NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_reliance" (
	"id" serial PRIMARY KEY NOT NULL,
	"importer" text NOT NULL,
	"mineral_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"percent" double precision NOT NULL,
	"assessed" boolean DEFAULT false NOT NULL,
	"material" text NOT NULL,
	"period" text NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criticality_inputs" (
	"id" serial PRIMARY KEY NOT NULL,
	"assessor" text NOT NULL,
	"mineral_id" text NOT NULL,
	"material" text NOT NULL,
	"stage_id" text NOT NULL,
	"supply_risk" double precision,
	"economic_importance" double precision,
	"supply_risk_extraction" double precision,
	"supply_risk_processing" double precision,
	"end_of_life_rir" double precision,
	"substitution_sr" double precision,
	"supply_scope" text,
	"edition" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "governance" (
	"country" text NOT NULL,
	"year" integer NOT NULL,
	"indicator" text NOT NULL,
	"value" double precision NOT NULL,
	"edition" text NOT NULL,
	"source_id" text NOT NULL,
	CONSTRAINT "governance_country_year_indicator_edition_pk" PRIMARY KEY("country","year","indicator","edition")
);
--> statement-breakpoint
CREATE TABLE "governance_notes" (
	"country" text PRIMARY KEY NOT NULL,
	"note" text NOT NULL,
	"source_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "export_controls" (
	"id" text PRIMARY KEY NOT NULL,
	"imposing_country" text NOT NULL,
	"instrument" text NOT NULL,
	"title" text NOT NULL,
	"measure" text NOT NULL,
	"target" text NOT NULL,
	"end_users" text,
	"minerals" text NOT NULL,
	"stages" text DEFAULT '' NOT NULL,
	"covers" text NOT NULL,
	"announced" text,
	"effective" text,
	"ends" text,
	"lifted" text,
	"suspends" text,
	"replaced_by" text,
	"note" text,
	"source_id" text NOT NULL,
	"confidence" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"old_value" text,
	"new_value" text
);
--> statement-breakpoint
ALTER TABLE "bases" ADD CONSTRAINT "bases_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bases" ADD CONSTRAINT "bases_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production" ADD CONSTRAINT "production_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production" ADD CONSTRAINT "production_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production" ADD CONSTRAINT "production_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production" ADD CONSTRAINT "production_basis_id_bases_id_fk" FOREIGN KEY ("basis_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production" ADD CONSTRAINT "production_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "production" ADD CONSTRAINT "production_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projections" ADD CONSTRAINT "projections_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projections" ADD CONSTRAINT "projections_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projections" ADD CONSTRAINT "projections_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projections" ADD CONSTRAINT "projections_basis_id_bases_id_fk" FOREIGN KEY ("basis_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projections" ADD CONSTRAINT "projections_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projections" ADD CONSTRAINT "projections_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity" ADD CONSTRAINT "capacity_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity" ADD CONSTRAINT "capacity_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity" ADD CONSTRAINT "capacity_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity" ADD CONSTRAINT "capacity_basis_id_bases_id_fk" FOREIGN KEY ("basis_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity" ADD CONSTRAINT "capacity_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity" ADD CONSTRAINT "capacity_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_reliance" ADD CONSTRAINT "import_reliance_importer_countries_iso3_fk" FOREIGN KEY ("importer") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_reliance" ADD CONSTRAINT "import_reliance_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_reliance" ADD CONSTRAINT "import_reliance_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_reliance" ADD CONSTRAINT "import_reliance_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_sources" ADD CONSTRAINT "import_sources_importer_countries_iso3_fk" FOREIGN KEY ("importer") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_sources" ADD CONSTRAINT "import_sources_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_sources" ADD CONSTRAINT "import_sources_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_sources" ADD CONSTRAINT "import_sources_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_sources" ADD CONSTRAINT "import_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apparent_consumption" ADD CONSTRAINT "apparent_consumption_importer_countries_iso3_fk" FOREIGN KEY ("importer") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apparent_consumption" ADD CONSTRAINT "apparent_consumption_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apparent_consumption" ADD CONSTRAINT "apparent_consumption_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apparent_consumption" ADD CONSTRAINT "apparent_consumption_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prices" ADD CONSTRAINT "prices_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salient" ADD CONSTRAINT "salient_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salient" ADD CONSTRAINT "salient_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salient" ADD CONSTRAINT "salient_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salient" ADD CONSTRAINT "salient_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_minerals" ADD CONSTRAINT "critical_minerals_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_minerals" ADD CONSTRAINT "critical_minerals_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "critical_minerals" ADD CONSTRAINT "critical_minerals_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defense_uses" ADD CONSTRAINT "defense_uses_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "defense_uses" ADD CONSTRAINT "defense_uses_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "importers" ADD CONSTRAINT "importers_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_names" ADD CONSTRAINT "stage_names_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_names" ADD CONSTRAINT "stage_names_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_names" ADD CONSTRAINT "stage_names_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_gaps" ADD CONSTRAINT "stage_gaps_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_gaps" ADD CONSTRAINT "stage_gaps_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_gaps" ADD CONSTRAINT "stage_gaps_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_shares" ADD CONSTRAINT "stage_shares_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_shares" ADD CONSTRAINT "stage_shares_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_shares" ADD CONSTRAINT "stage_shares_basis_id_bases_id_fk" FOREIGN KEY ("basis_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_shares" ADD CONSTRAINT "stage_shares_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_shares" ADD CONSTRAINT "stage_shares_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_shares" ADD CONSTRAINT "stage_shares_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcing_shares" ADD CONSTRAINT "sourcing_shares_importer_importers_id_fk" FOREIGN KEY ("importer") REFERENCES "public"."importers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcing_shares" ADD CONSTRAINT "sourcing_shares_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcing_shares" ADD CONSTRAINT "sourcing_shares_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcing_shares" ADD CONSTRAINT "sourcing_shares_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcing_shares" ADD CONSTRAINT "sourcing_shares_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcing_shares" ADD CONSTRAINT "sourcing_shares_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reliance" ADD CONSTRAINT "stage_reliance_importer_importers_id_fk" FOREIGN KEY ("importer") REFERENCES "public"."importers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reliance" ADD CONSTRAINT "stage_reliance_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reliance" ADD CONSTRAINT "stage_reliance_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reliance" ADD CONSTRAINT "stage_reliance_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reliance" ADD CONSTRAINT "stage_reliance_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criticality_inputs" ADD CONSTRAINT "criticality_inputs_assessor_importers_id_fk" FOREIGN KEY ("assessor") REFERENCES "public"."importers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criticality_inputs" ADD CONSTRAINT "criticality_inputs_mineral_id_minerals_id_fk" FOREIGN KEY ("mineral_id") REFERENCES "public"."minerals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criticality_inputs" ADD CONSTRAINT "criticality_inputs_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criticality_inputs" ADD CONSTRAINT "criticality_inputs_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criticality_inputs" ADD CONSTRAINT "criticality_inputs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance" ADD CONSTRAINT "governance_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance" ADD CONSTRAINT "governance_edition_editions_id_fk" FOREIGN KEY ("edition") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance" ADD CONSTRAINT "governance_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_notes" ADD CONSTRAINT "governance_notes_country_countries_iso3_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governance_notes" ADD CONSTRAINT "governance_notes_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_controls" ADD CONSTRAINT "export_controls_imposing_country_countries_iso3_fk" FOREIGN KEY ("imposing_country") REFERENCES "public"."countries"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_controls" ADD CONSTRAINT "export_controls_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "production_key" ON "production" USING btree ("mineral_id","stage_id","country","year","basis_id","edition");--> statement-breakpoint
CREATE INDEX "production_country" ON "production" USING btree ("country");--> statement-breakpoint
CREATE UNIQUE INDEX "projections_key" ON "projections" USING btree ("mineral_id","stage_id","country","year","basis_id","scenario","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_key" ON "capacity" USING btree ("mineral_id","stage_id","country","year","basis_id","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "reserves_key" ON "reserves" USING btree ("mineral_id","country","year","basis","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "import_reliance_key" ON "import_reliance" USING btree ("importer","mineral_id","form","year","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "import_sources_key" ON "import_sources" USING btree ("importer","mineral_id","form","period","country","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "apparent_consumption_key" ON "apparent_consumption" USING btree ("importer","mineral_id","form","year","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "prices_key" ON "prices" USING btree ("mineral_id","series","year","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "salient_key" ON "salient" USING btree ("country","mineral_id","statistic","detail","year","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_shares_key" ON "stage_shares" USING btree ("mineral_id","stage_id","basis_id","country","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "sourcing_shares_key" ON "sourcing_shares" USING btree ("importer","mineral_id","stage_id","country","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_reliance_key" ON "stage_reliance" USING btree ("importer","mineral_id","stage_id","edition");--> statement-breakpoint
CREATE UNIQUE INDEX "criticality_inputs_key" ON "criticality_inputs" USING btree ("assessor","mineral_id","edition");--> statement-breakpoint
CREATE INDEX "export_controls_imposing" ON "export_controls" USING btree ("imposing_country");--> statement-breakpoint
CREATE INDEX "changes_version" ON "changes" USING btree ("version");