-- One-time scrub of personal data that earlier versions left in clear (docs/personal-data.md, "At rest"):
-- full ID numbers typed into free text, ID numbers masked the old way (first 6 + last 4), and birth
-- dates copied into snapshots, case facts, timelines and rejected import rows. Birth dates become the
-- birth year; ID numbers become the first 6 + 11 stars + the check character. No key is needed.
--
-- registry_history, audit_log and case_events are append-only (migrations 0001, 0010): their
-- UPDATE triggers are disabled for this migration only and enabled again at its end, in the same
-- transaction, so no application write can slip through meanwhile. This is the only place that
-- rewrites them; what changes is the personal data inside, never who did what or when.

CREATE FUNCTION fangpin_tmp_is_id18(id text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE y int; m int; d int;
BEGIN
  IF id !~ '^[0-9]{17}[0-9X]$' THEN RETURN false; END IF;
  IF left(id, 2) NOT IN ('11','12','13','14','15','21','22','23','31','32','33','34','35','36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65','71','81','82') THEN RETURN false; END IF;
  y := substr(id, 7, 4)::int; m := substr(id, 11, 2)::int; d := substr(id, 13, 2)::int;
  IF y < 1900 OR y > 2099 OR m < 1 OR m > 12 OR d < 1 THEN RETURN false; END IF;
  RETURN d <= extract(day FROM (make_date(y, m, 1) + interval '1 month - 1 day'))::int;
END;
$$;
--> statement-breakpoint
-- ID numbers in a text: full ones (any check character: a mistyped one still shows 17 digits) and
-- the old 6 + 4 masked form both become the policy's mask.
CREATE FUNCTION fangpin_tmp_mask_ids(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE found text[]; id text; result text := t;
BEGIN
  IF t IS NULL OR t !~ '[0-9]{6}' THEN RETURN t; END IF;
  result := regexp_replace(result, '(?<![0-9*])([0-9]{6})\*{8}[0-9Xx]{3}([0-9Xx])(?![0-9Xx*])', '\1***********\2', 'g');
  FOR found IN SELECT regexp_matches(result, '(?<![0-9])([0-9]{17}[0-9Xx])(?![0-9Xx])', 'g') LOOP
    id := upper(found[1]);
    IF fangpin_tmp_is_id18(id) THEN
      result := replace(result, found[1], left(id, 6) || repeat('*', 11) || right(id, 1));
    END IF;
  END LOOP;
  RETURN result;
END;
$$;
--> statement-breakpoint
-- A masked ID number under a key such as idNumber: only the old mask is rewritten there.
CREATE FUNCTION fangpin_tmp_mask_old_mask_only(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t ~ '^[0-9]{6}\*{8}[0-9Xx]{4}$' THEN left(t, 6) || repeat('*', 11) || right(t, 1)
              WHEN fangpin_tmp_is_id18(upper(t)) THEN left(t, 6) || repeat('*', 11) || upper(right(t, 1))
              ELSE t END;
$$;
--> statement-breakpoint
-- A JSON document: birth dates (keys birthDate, 出生日期, 出生年月) become the year, every string
-- has its ID numbers masked. Codes and numbers (keys ending in code/number/id/index) are left alone.
CREATE FUNCTION fangpin_tmp_scrub(j jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE k text; v jsonb; result jsonb; year text;
BEGIN
  IF j IS NULL THEN RETURN NULL; END IF;
  CASE jsonb_typeof(j)
    WHEN 'object' THEN
      result := '{}'::jsonb;
      FOR k, v IN SELECT * FROM jsonb_each(j) LOOP
        IF k IN ('birthDate', '出生日期', '出生年月') AND jsonb_typeof(v) = 'string' THEN
          year := substring(v #>> '{}' FROM '^\s*((?:19|20)[0-9]{2})');
          IF k = 'birthDate' THEN
            result := result || jsonb_build_object('birthYear', CASE WHEN year IS NULL THEN NULL ELSE year::int END);
          ELSE
            result := result || jsonb_build_object(k, coalesce(year, ''));
          END IF;
        ELSIF k ~* '(code|number|id|index)$' AND jsonb_typeof(v) = 'string' THEN
          result := result || jsonb_build_object(k, fangpin_tmp_mask_old_mask_only(v #>> '{}'));
        ELSE
          result := result || jsonb_build_object(k, fangpin_tmp_scrub(v));
        END IF;
      END LOOP;
      RETURN result;
    WHEN 'array' THEN
      SELECT coalesce(jsonb_agg(fangpin_tmp_scrub(e) ORDER BY n), '[]'::jsonb) INTO result FROM jsonb_array_elements(j) WITH ORDINALITY AS a(e, n);
      RETURN result;
    WHEN 'string' THEN
      RETURN to_jsonb(fangpin_tmp_mask_ids(j #>> '{}'));
    ELSE
      RETURN j;
  END CASE;
END;
$$;
--> statement-breakpoint
ALTER TABLE registry_history DISABLE TRIGGER registry_history_append_only;
--> statement-breakpoint
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
ALTER TABLE case_events DISABLE TRIGGER case_events_append_only;
--> statement-breakpoint
UPDATE registry_history SET before = fangpin_tmp_scrub(before), after = fangpin_tmp_scrub(after)
  WHERE before::text ~ '[0-9]{6}|birthDate' OR after::text ~ '[0-9]{6}|birthDate';
--> statement-breakpoint
UPDATE audit_log SET before = fangpin_tmp_scrub(before), after = fangpin_tmp_scrub(after), details = fangpin_tmp_scrub(details)
  WHERE before::text ~ '[0-9]{6}|birthDate' OR after::text ~ '[0-9]{6}|birthDate' OR details::text ~ '[0-9]{6}|birthDate';
--> statement-breakpoint
UPDATE case_events SET comment = fangpin_tmp_mask_ids(comment), data = fangpin_tmp_scrub(data), snapshot = fangpin_tmp_scrub(snapshot)
  WHERE comment ~ '[0-9]{6}' OR data::text ~ '[0-9]{6}|birthDate' OR snapshot::text ~ '[0-9]{6}|birthDate';
--> statement-breakpoint
ALTER TABLE registry_history ENABLE TRIGGER registry_history_append_only;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
ALTER TABLE case_events ENABLE TRIGGER case_events_append_only;
--> statement-breakpoint
UPDATE cases SET facts = fangpin_tmp_scrub(facts), decision = fangpin_tmp_scrub(decision)
  WHERE facts::text ~ '[0-9]{6}|birthDate' OR decision::text ~ '[0-9]{6}|birthDate';
--> statement-breakpoint
-- Rejected import rows: their cells (the ID cell was masked the old way, the birth date kept), and the
-- message of a birth-date mismatch, which quoted both dates.
UPDATE import_errors SET raw = fangpin_tmp_scrub(raw) WHERE raw IS NOT NULL;
--> statement-breakpoint
UPDATE import_errors SET message = '出生日期与身份证号中的出生日期不符' WHERE code = 'BIRTH_DATE_MISMATCH';
--> statement-breakpoint
UPDATE import_jobs SET result = fangpin_tmp_scrub(
    regexp_replace(result::text, '出生日期 [^"]*? 与身份证号中的 [0-9-]+ 不符', '出生日期与身份证号中的出生日期不符', 'g')::jsonb)
  WHERE result IS NOT NULL AND result::text ~ '[0-9]{6}|出生日期';
--> statement-breakpoint
-- Free text typed by staff and villagers.
UPDATE hotline_calls SET content = fangpin_tmp_mask_ids(content), policy_explained = fangpin_tmp_mask_ids(policy_explained),
    remarks = fangpin_tmp_mask_ids(remarks), callback_note = fangpin_tmp_mask_ids(callback_note), caller_name = fangpin_tmp_mask_ids(caller_name)
  WHERE content || policy_explained || remarks || coalesce(callback_note, '') || caller_name ~ '[0-9]{6}';
--> statement-breakpoint
UPDATE self_applications SET description = fangpin_tmp_mask_ids(description), applicant_name = fangpin_tmp_mask_ids(applicant_name)
  WHERE description || applicant_name ~ '[0-9]{6}';
--> statement-breakpoint
UPDATE clues SET summary = fangpin_tmp_mask_ids(summary) WHERE summary ~ '[0-9]{6}';
--> statement-breakpoint
UPDATE visit_reports SET observed = fangpin_tmp_mask_ids(observed), review_note = fangpin_tmp_mask_ids(review_note)
  WHERE observed || coalesce(review_note, '') ~ '[0-9]{6}';
--> statement-breakpoint
UPDATE warnings SET status_reason = fangpin_tmp_mask_ids(status_reason) WHERE status_reason ~ '[0-9]{6}';
--> statement-breakpoint
UPDATE households SET address = fangpin_tmp_mask_ids(address) WHERE address ~ '[0-9]{6}';
--> statement-breakpoint
DROP FUNCTION fangpin_tmp_scrub(jsonb);
--> statement-breakpoint
DROP FUNCTION fangpin_tmp_mask_old_mask_only(text);
--> statement-breakpoint
DROP FUNCTION fangpin_tmp_mask_ids(text);
--> statement-breakpoint
DROP FUNCTION fangpin_tmp_is_id18(text);
