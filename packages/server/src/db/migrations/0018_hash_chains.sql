CREATE TABLE "chain_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_seal_requests" (
	"id" bigserial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_data_key" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"fingerprint" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_data_key_one_row" CHECK ("personal_data_key"."singleton")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" "bytea";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" "bytea";--> statement-breakpoint
ALTER TABLE "registry_history" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "registry_history" ADD COLUMN "prev_hash" "bytea";--> statement-breakpoint
ALTER TABLE "registry_history" ADD COLUMN "hash" "bytea";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "prev_hash" "bytea";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "hash" "bytea";--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_seq_uq" ON "audit_log" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE hash IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "registry_history_chain_seq_uq" ON "registry_history" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "registry_history_unsealed_idx" ON "registry_history" USING btree ("id") WHERE hash IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_chain_seq_uq" ON "case_events" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "case_events_unsealed_idx" ON "case_events" USING btree ("id") WHERE hash IS NULL;