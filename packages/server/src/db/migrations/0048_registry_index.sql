CREATE TABLE "registry_index_changes" (
	"county_code" varchar(6) NOT NULL,
	"txid" "xid8" NOT NULL,
	"noted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_index_changes_county_code_txid_pk" PRIMARY KEY("county_code","txid")
);
--> statement-breakpoint
CREATE TABLE "registry_index_parts" (
	"county_code" varchar(6) PRIMARY KEY NOT NULL,
	"snapshot" "pg_snapshot" NOT NULL,
	"key_fingerprint" text NOT NULL,
	"persons" integer NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
-- The registry's index for the department files engine (docs/department-rows.md "The registry's index"):
-- every statement that changes a member's key, household or county notes, once per writing transaction
-- and county, that the county's part is out of date (as stats_changes does for the statistics, 0041).
-- An UPDATE that leaves those three alone (a name, a phone) notes nothing. A TRUNCATE notes `*`.
ALTER TABLE "registry_index_parts" ALTER COLUMN "data" SET STORAGE EXTERNAL;
--> statement-breakpoint
CREATE FUNCTION fangpin_registry_index_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO public.registry_index_changes (county_code, txid) VALUES ('*', pg_current_xact_id()) ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO public.registry_index_changes (county_code, txid)
    SELECT DISTINCT n.county_code, pg_current_xact_id() FROM new_rows n ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO public.registry_index_changes (county_code, txid)
    SELECT DISTINCT o.county_code, pg_current_xact_id() FROM old_rows o ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO public.registry_index_changes (county_code, txid)
    SELECT x.county_code, pg_current_xact_id() FROM (
      SELECT o.county_code FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.id_index, o.household_id, o.county_code) IS DISTINCT FROM (n.id_index, n.household_id, n.county_code)
      UNION SELECT n.county_code FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.id_index, o.household_id, o.county_code) IS DISTINCT FROM (n.id_index, n.household_id, n.county_code)) x
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registry_index_members_insert AFTER INSERT ON public.members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_registry_index_changed();
--> statement-breakpoint
CREATE TRIGGER registry_index_members_update AFTER UPDATE ON public.members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_registry_index_changed();
--> statement-breakpoint
CREATE TRIGGER registry_index_members_delete AFTER DELETE ON public.members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_registry_index_changed();
--> statement-breakpoint
CREATE TRIGGER registry_index_members_truncate AFTER TRUNCATE ON public.members FOR EACH STATEMENT EXECUTE FUNCTION public.fangpin_registry_index_changed();
--> statement-breakpoint
-- Pruning, for the app (which may not write registry_index_changes): notes older than seven days go. A
-- part is used for six days at most, so no part still used can have been built before a transaction
-- whose note is dropped committed (unless that transaction ran for a day: the margin stats_changes keeps too).
CREATE FUNCTION fangpin_registry_index_prune() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM public.registry_index_changes WHERE noted_at < now() - interval '7 days';
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
