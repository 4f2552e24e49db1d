CREATE TABLE "department_source_settings" (
	"county_code" varchar(6) NOT NULL,
	"source" text NOT NULL,
	"header_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"monthly_recompare" boolean DEFAULT false NOT NULL,
	"last_recompared_on" date,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "department_source_settings_county_code_source_pk" PRIMARY KEY("county_code","source")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"source" text,
	"county_code" varchar(6),
	"region_code" varchar(15),
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"result" jsonb,
	"error" text,
	"actor_name" text NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"from_step" text NOT NULL,
	"to_step" text NOT NULL,
	"on_date" date NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"snapshot" jsonb,
	"rule_set_version" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_number" text NOT NULL,
	"clue_id" uuid NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"household_id" uuid,
	"kind" text DEFAULT 'identification' NOT NULL,
	"step" text NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"clue_date" date NOT NULL,
	"step_due_on" date,
	"due_on" date NOT NULL,
	"green_channel" boolean DEFAULT false NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decision" jsonb,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hotline_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"household_id" uuid,
	"clue_id" uuid,
	"called_at" timestamp with time zone NOT NULL,
	"caller_name" text NOT NULL,
	"caller_phone_enc" "bytea",
	"caller_phone_index" "bytea",
	"caller_phone_masked" text DEFAULT '' NOT NULL,
	"content" text NOT NULL,
	"policy_explained" text DEFAULT '' NOT NULL,
	"result" text NOT NULL,
	"handler_name" text NOT NULL,
	"handler_id" uuid,
	"callback_due_on" date,
	"callback_at" timestamp with time zone,
	"callback_note" text,
	"objection" boolean,
	"status" text DEFAULT 'open' NOT NULL,
	"remarks" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_no" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"applicant_name" text DEFAULT '' NOT NULL,
	"phone_enc" "bytea" NOT NULL,
	"phone_index" "bytea" NOT NULL,
	"phone_masked" text NOT NULL,
	"description" text NOT NULL,
	"consent" boolean NOT NULL,
	"clue_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"household_id" uuid,
	"visited_on" date NOT NULL,
	"visitor_name" text NOT NULL,
	"visitor_id" uuid,
	"observed" text NOT NULL,
	"risk_types" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"clue_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_seq_uq" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_clue_uq" ON "cases" USING btree ("clue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_uq" ON "cases" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "cases_scope_idx" ON "cases" USING btree ("county_code","step","due_on");--> statement-breakpoint
CREATE INDEX "hotline_calls_scope_idx" ON "hotline_calls" USING btree ("county_code","called_at");--> statement-breakpoint
CREATE INDEX "hotline_calls_clue_idx" ON "hotline_calls" USING btree ("clue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "self_applications_ref_uq" ON "self_applications" USING btree ("reference_no");--> statement-breakpoint
CREATE INDEX "self_applications_phone_idx" ON "self_applications" USING btree ("phone_index","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_reports_client_uq" ON "visit_reports" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "visit_reports_scope_idx" ON "visit_reports" USING btree ("county_code","status");