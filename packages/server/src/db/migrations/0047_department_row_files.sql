-- A department batch's rows as a Parquet file (docs/department-rows.md): every row with its fate, written by
-- DuckDB, in parts. The parts are already compressed (zstd): PostgreSQL stores them as they are.
CREATE TABLE "department_row_files" (
	"batch_id" uuid NOT NULL,
	"part" integer NOT NULL,
	"compared_on" date NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "department_row_files_batch_id_part_pk" PRIMARY KEY("batch_id","part")
);
--> statement-breakpoint
ALTER TABLE "department_batches" ADD COLUMN "row_store" text DEFAULT 'table' NOT NULL;--> statement-breakpoint
ALTER TABLE "department_row_files" ADD CONSTRAINT "department_row_files_batch_id_department_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."department_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "department_row_files_compared_on_idx" ON "department_row_files" USING btree ("compared_on");--> statement-breakpoint
ALTER TABLE "department_row_files" ALTER COLUMN "data" SET STORAGE EXTERNAL;
