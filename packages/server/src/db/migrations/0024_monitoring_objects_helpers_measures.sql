CREATE TABLE "household_helpers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"household_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"phone_enc" "bytea",
	"phone_masked" text DEFAULT '' NOT NULL,
	"assigned_on" date NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_by_id" uuid,
	"ended_on" date,
	"end_reason" text,
	"replaced_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"household_id" uuid NOT NULL,
	"risk_type" text NOT NULL,
	"category" text NOT NULL,
	"measure" text NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"amount" numeric(12, 2),
	"start_on" date NOT NULL,
	"end_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"delivered_on" date,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "helper_due_on" date;--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "uncovered_risk_types" text[];--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "coverage_problems" jsonb;--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "elimination_outcome" text;--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "rolled_back_on" date;--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "rollback_reason" text;--> statement-breakpoint
ALTER TABLE "household_monitoring" ADD COLUMN "status" text GENERATED ALWAYS AS (CASE WHEN eliminated_on IS NOT NULL THEN CASE WHEN elimination_outcome = 'tracking' THEN 'eliminatedTracking' ELSE 'eliminatedStable' END WHEN rolled_back_on IS NOT NULL THEN 'rolledBack' ELSE 'monitoring' END) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "household_helpers" ADD CONSTRAINT "household_helpers_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_measures" ADD CONSTRAINT "household_measures_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_helpers_household_idx" ON "household_helpers" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_helpers_user_idx" ON "household_helpers" USING btree ("user_id","ended_on");--> statement-breakpoint
CREATE INDEX "household_measures_household_idx" ON "household_measures" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_monitoring_status_idx" ON "household_monitoring" USING btree ("county_code","status");