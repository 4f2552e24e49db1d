ALTER TABLE "members" ADD COLUMN "phone_enc" "bytea";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_index" "bytea";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone_masked" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "members_phone_idx" ON "members" USING btree ("phone_index");