DROP INDEX "department_batches_file_uq";--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "region_code" varchar(15);--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "county_code" varchar(6);--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "department_batches" ADD COLUMN "county_code" varchar(6);--> statement-breakpoint
ALTER TABLE "department_batches" ADD CONSTRAINT "department_batches_county_file_uq" UNIQUE NULLS NOT DISTINCT("county_code","source","file_sha256");