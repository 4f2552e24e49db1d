CREATE TABLE "household_monitoring" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"category" text,
	"risk_types" text[] DEFAULT '{}' NOT NULL,
	"identified_on" date,
	"income_year" smallint NOT NULL,
	"per_capita_income" numeric(12, 2) NOT NULL,
	"wage_income" numeric(12, 2) DEFAULT 0 NOT NULL,
	"transfer_income" numeric(12, 2) DEFAULT 0 NOT NULL,
	"compliant_out_of_pocket" numeric(12, 2) DEFAULT 0 NOT NULL,
	"has_disability_allowance" boolean DEFAULT false NOT NULL,
	"has_housing_problem" boolean DEFAULT false NOT NULL,
	"has_water_problem" boolean DEFAULT false NOT NULL,
	"elimination_mode" text,
	"eliminated_on" date,
	"per_capita_income_after_elimination" numeric(12, 2),
	"is_no_labour_safety_net" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD CONSTRAINT "household_monitoring_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_monitoring_county_idx" ON "household_monitoring" USING btree ("county_code");