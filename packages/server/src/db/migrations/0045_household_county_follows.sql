-- A household's own rows follow it into another county. A registry import by the system (no county
-- scope) may move a household: its region_code, and with it its county_code, changes
-- (import-registry.ts). Its members, monitoring record, measures, helpers and helpers' visits kept
-- the old county, so every query that filters or joins them by county lost the household:
-- - the statistics place a household by its summary row (household_stats, which followed) and join
--   its monitoring record and measures by county too, so a moved household counted in neither
--   county, while the register's list (joined by household only) showed it in the new one;
-- - the new county's name search (members by county and name) did not find its members.
-- From now on those rows take the household's new county in the statement that moves it, and the
-- rows moved before are mended below. What happened in a county stays there: clues, cases, hotline
-- calls, visit reports, warnings, department rows and the registry's history keep their county.
CREATE FUNCTION fangpin_household_county_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE public.members SET county_code = NEW.county_code WHERE household_id = NEW.id AND county_code <> NEW.county_code;
  UPDATE public.household_monitoring SET county_code = NEW.county_code WHERE household_id = NEW.id AND county_code <> NEW.county_code;
  UPDATE public.household_measures SET county_code = NEW.county_code WHERE household_id = NEW.id AND county_code <> NEW.county_code;
  UPDATE public.household_helpers SET county_code = NEW.county_code WHERE household_id = NEW.id AND county_code <> NEW.county_code;
  UPDATE public.helper_visits SET county_code = NEW.county_code WHERE household_id = NEW.id AND county_code <> NEW.county_code;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Only when the county really changes: an address or phone edit costs nothing more.
CREATE TRIGGER household_county_moved AFTER UPDATE OF county_code ON households
FOR EACH ROW WHEN (OLD.county_code IS DISTINCT FROM NEW.county_code) EXECUTE FUNCTION fangpin_household_county_moved();
--> statement-breakpoint
UPDATE members x SET county_code = h.county_code FROM households h WHERE h.id = x.household_id AND x.county_code <> h.county_code;
--> statement-breakpoint
UPDATE household_monitoring x SET county_code = h.county_code FROM households h WHERE h.id = x.household_id AND x.county_code <> h.county_code;
--> statement-breakpoint
UPDATE household_measures x SET county_code = h.county_code FROM households h WHERE h.id = x.household_id AND x.county_code <> h.county_code;
--> statement-breakpoint
UPDATE household_helpers x SET county_code = h.county_code FROM households h WHERE h.id = x.household_id AND x.county_code <> h.county_code;
--> statement-breakpoint
UPDATE helper_visits x SET county_code = h.county_code FROM households h WHERE h.id = x.household_id AND x.county_code <> h.county_code;
