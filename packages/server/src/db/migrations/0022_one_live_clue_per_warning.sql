DROP INDEX "clues_warning_uq";--> statement-breakpoint
CREATE INDEX "clues_warning_idx" ON "clues" USING btree ("warning_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clues_warning_uq" ON "clues" USING btree ("warning_id") WHERE status <> 'withdrawn';