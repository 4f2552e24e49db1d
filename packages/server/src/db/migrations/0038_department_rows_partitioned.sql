-- department_rows partitioned by the month its batch was received (issue 16, "A year of data";
-- docs/design/department-compare-performance.md). Written by hand: drizzle cannot declare
-- partitioning (the schema file declares the columns, the key and the index as they end up).
--
-- The partition key `compared_on` is the batch's comparison date, repeated on each of its rows: a
-- batch lives in one partition, so retention drops whole batches, and as the import refuses event
-- dates after its day, the 12-month window of a rolling sum reads only the last 13 partitions.
-- `department_rows_YYYY_MM` holds one month; `department_rows_kept` (made by the first retirement,
-- MINVALUE up to the retention cut-off) holds the rows retention kept as evidence of a warning still
-- open or of a monitoring record still running. No DEFAULT partition: attaching a new month would
-- then lock it (and with it every reader) while it is scanned.
ALTER TABLE "department_rows" RENAME TO "department_rows_unpartitioned";--> statement-breakpoint
ALTER TABLE "department_rows_unpartitioned" RENAME CONSTRAINT "department_rows_batch_id_seq_pk" TO "department_rows_unpartitioned_pk";--> statement-breakpoint
DROP INDEX "department_rows_household_idx";--> statement-breakpoint
CREATE TABLE "department_rows" (
	"batch_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"compared_on" date NOT NULL,
	"sheet" text,
	"row" integer NOT NULL,
	"source" text NOT NULL,
	"fate" text NOT NULL,
	"error_code" text,
	"error_column" text,
	"error_message" text,
	"id_index" "bytea",
	"id_masked" text,
	"member_id" uuid,
	"household_id" uuid,
	"county_code" varchar(6),
	"event_date" date,
	"amount_fen" integer,
	"kind" text,
	"values" json NOT NULL,
	CONSTRAINT "department_rows_batch_id_seq_compared_on_pk" PRIMARY KEY("batch_id","seq","compared_on")
) PARTITION BY RANGE ("compared_on");--> statement-breakpoint
CREATE INDEX "department_rows_household_idx" ON "department_rows" USING hash ("household_id") WHERE fate = 'matched';--> statement-breakpoint
-- The month's partition of `day`, created when missing (the import calls it before its transaction,
-- as the application's role, which may create nothing: hence the owner's function). Created apart
-- and then attached: CREATE TABLE … PARTITION OF would hold an exclusive lock on department_rows,
-- stopping every reader, until the caller commits; ATTACH takes a lock that readers and writers
-- pass, and the CHECK constraint spares it the scan. Returns the partition's name; for a month
-- retention already retired (a clock set back), the kept rows' partition, which takes its rows.
CREATE FUNCTION fangpin_department_rows_partition(day date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  lo date := date_trunc('month', day)::date;
  hi date := (date_trunc('month', day) + interval '1 month')::date;
  name text := 'department_rows_' || to_char(date_trunc('month', day), 'YYYY_MM');
BEGIN
  IF to_regclass('public.' || name) IS NOT NULL THEN
    RETURN name;
  END IF;
  BEGIN
    EXECUTE format('CREATE TABLE public.%I (LIKE public.department_rows INCLUDING DEFAULTS)', name);
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK (compared_on >= %L AND compared_on < %L)', name, name || '_range', lo, hi);
    EXECUTE format('ALTER TABLE public.department_rows ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    EXECUTE format('ALTER TABLE public.%I DROP CONSTRAINT %I', name, name || '_range');
  EXCEPTION
    WHEN duplicate_table THEN
      RETURN name; -- another session made it meanwhile
    WHEN invalid_object_definition THEN
      -- "would overlap": the month lies under department_rows_kept (everything before retention's last cut-off).
      IF to_regclass('public.department_rows_kept') IS NULL THEN
        RAISE;
      END IF;
      RETURN 'department_rows_kept';
  END;
  RETURN name;
END;
$$;
--> statement-breakpoint
-- ANALYZE of one month (the import's, after it wrote its batch): the whole partitioned table would
-- sample every partition. The owner's function, as fangpin_analyze_department_rows (0019).
CREATE FUNCTION fangpin_analyze_department_rows_partition(day date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  name text := 'department_rows_' || to_char(date_trunc('month', day), 'YYYY_MM');
BEGIN
  IF to_regclass('public.' || name) IS NOT NULL THEN
    EXECUTE format('ANALYZE public.%I', name);
  END IF;
END;
$$;
--> statement-breakpoint
-- The rows already stored move in, each under its batch's date (a row without a batch, which only
-- tests write, under its event date).
SELECT fangpin_department_rows_partition(d) FROM (
  SELECT DISTINCT date_trunc('month', coalesce(b.compared_on, r.event_date, CURRENT_DATE))::date AS d
  FROM "department_rows_unpartitioned" r LEFT JOIN "department_batches" b ON b.id = r.batch_id
) months;--> statement-breakpoint
INSERT INTO "department_rows" ("batch_id", "seq", "compared_on", "sheet", "row", "source", "fate", "error_code", "error_column", "error_message", "id_index", "id_masked", "member_id", "household_id", "county_code", "event_date", "amount_fen", "kind", "values")
SELECT r."batch_id", r."seq", coalesce(b.compared_on, r.event_date, CURRENT_DATE), r."sheet", r."row", r."source", r."fate", r."error_code", r."error_column", r."error_message", r."id_index", r."id_masked", r."member_id", r."household_id", r."county_code", r."event_date", r."amount_fen", r."kind", r."values"
FROM "department_rows_unpartitioned" r LEFT JOIN "department_batches" b ON b.id = r.batch_id;--> statement-breakpoint
DROP TABLE "department_rows_unpartitioned";--> statement-breakpoint
ALTER TABLE "department_batches" ADD COLUMN "rows_retired_on" date;
