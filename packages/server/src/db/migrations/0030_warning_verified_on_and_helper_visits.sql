CREATE TABLE "helper_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"household_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitor_id" uuid,
	"visitor_name" text NOT NULL,
	"visitor_role" text NOT NULL,
	"observed" text NOT NULL,
	"problems" text DEFAULT '' NOT NULL,
	"income_update" jsonb,
	"income_year" smallint,
	"per_capita_income" numeric(12, 2),
	"assessment" jsonb,
	"rule_set_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD COLUMN "verified_on" date;--> statement-breakpoint
ALTER TABLE "helper_visits" ADD CONSTRAINT "helper_visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "helper_visits_household_idx" ON "helper_visits" USING btree ("household_id","visited_on");--> statement-breakpoint
CREATE INDEX "helper_visits_county_idx" ON "helper_visits" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "cases_household_idx" ON "cases" USING btree ("household_id");