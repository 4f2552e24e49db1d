CREATE TABLE "case_drafts" (
	"case_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"form_step" integer DEFAULT 0 NOT NULL,
	"values_enc" "bytea" NOT NULL,
	"saved_by_id" uuid,
	"saved_by_name" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_drafts_case_id_event_type_pk" PRIMARY KEY("case_id","event_type")
);
--> statement-breakpoint
CREATE INDEX "case_drafts_scope_idx" ON "case_drafts" USING btree ("county_code");