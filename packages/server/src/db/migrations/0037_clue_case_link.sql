ALTER TABLE "clues" ADD COLUMN "case_id" uuid;--> statement-breakpoint
CREATE INDEX "clues_case_idx" ON "clues" USING btree ("case_id");--> statement-breakpoint
-- Every clue so far opened its own case: link each to it.
UPDATE "clues" SET "case_id" = c."id" FROM "cases" c WHERE c."clue_id" = "clues"."id";