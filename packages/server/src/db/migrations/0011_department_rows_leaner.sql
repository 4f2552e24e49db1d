ALTER TABLE "department_rows" DROP CONSTRAINT "department_rows_batch_id_department_batches_id_fk";
--> statement-breakpoint
DROP INDEX "department_rows_household_idx";--> statement-breakpoint
CREATE INDEX "department_rows_household_idx" ON "department_rows" USING btree ("source","household_id","event_date") WHERE fate = 'matched';