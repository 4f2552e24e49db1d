CREATE TABLE "rule_set_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" text NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"effective_from" date NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_set_versions_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE INDEX "rule_set_versions_region_idx" ON "rule_set_versions" USING btree ("region_code","effective_from");