ALTER TABLE "registry_history" ADD COLUMN "effective_on" date;--> statement-breakpoint
CREATE INDEX "visit_reports_clue_idx" ON "visit_reports" USING btree ("clue_id");