CREATE TABLE "field_actions" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid,
	"result" jsonb NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "field_actions_case_idx" ON "field_actions" USING btree ("case_id");