ALTER TABLE "department_batches" ADD COLUMN "duplicates" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "department_batches" ADD COLUMN "list_date" date;--> statement-breakpoint
ALTER TABLE "department_batches" ADD COLUMN "list_date_from" text;