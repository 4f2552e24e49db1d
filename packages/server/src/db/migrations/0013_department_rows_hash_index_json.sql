DROP INDEX "department_rows_household_idx";--> statement-breakpoint
ALTER TABLE "department_rows" ALTER COLUMN "values" SET DATA TYPE json;--> statement-breakpoint
CREATE INDEX "department_rows_household_idx" ON "department_rows" USING hash ("household_id") WHERE fate = 'matched';