CREATE TABLE "clues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"household_id" uuid,
	"channel" text NOT NULL,
	"warning_id" uuid,
	"risk_types" text[] DEFAULT '{}' NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "clues_warning_uq" ON "clues" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "clues_scope_idx" ON "clues" USING btree ("county_code","status");