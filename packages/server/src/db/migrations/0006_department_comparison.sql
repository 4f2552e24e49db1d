CREATE TABLE "department_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"compared_on" date NOT NULL,
	"actor_name" text NOT NULL,
	"rows" integer NOT NULL,
	"accepted" integer NOT NULL,
	"matched" integer NOT NULL,
	"unmatched" integer NOT NULL,
	"rejected" integer NOT NULL,
	"rejected_by_code" jsonb NOT NULL,
	"warnings" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_rows" (
	"batch_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sheet" text,
	"row" integer NOT NULL,
	"source" text NOT NULL,
	"fate" text NOT NULL,
	"error_code" text,
	"error_column" text,
	"error_message" text,
	"id_index" "bytea",
	"id_masked" text,
	"member_id" uuid,
	"household_id" uuid,
	"county_code" varchar(6),
	"event_date" date,
	"amount_fen" integer,
	"kind" text,
	"values" jsonb NOT NULL,
	CONSTRAINT "department_rows_batch_id_seq_pk" PRIMARY KEY("batch_id","seq")
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"household_id" uuid NOT NULL,
	"risk_type" text NOT NULL,
	"period" text NOT NULL,
	"sources" text[] NOT NULL,
	"message" text NOT NULL,
	"numbers" jsonb NOT NULL,
	"rule_set_version" text NOT NULL,
	"batch_ids" uuid[] NOT NULL,
	"is_monitored" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"status_reason" text,
	"due_on" date,
	"dispatched_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"verified_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "department_rows" ADD CONSTRAINT "department_rows_batch_id_department_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."department_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "department_batches_file_uq" ON "department_batches" USING btree ("source","file_sha256");--> statement-breakpoint
CREATE INDEX "department_rows_household_idx" ON "department_rows" USING btree ("source","household_id","event_date");--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_household_risk_period_uq" ON "warnings" USING btree ("household_id","risk_type","period");--> statement-breakpoint
CREATE INDEX "warnings_scope_idx" ON "warnings" USING btree ("county_code","status");