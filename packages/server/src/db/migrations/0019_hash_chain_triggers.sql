-- Hash chains over the three append-only records: audit_log, case_events, registry_history
-- (docs/design/tamper-evident-records.md). Each committed row carries chain_seq (1, 2, 3 … in commit
-- order), prev_hash and hash = sha256(prev_hash || sha256(canonical row)). The chain columns are
-- written by the database at commit, never by a writer: a BEFORE INSERT trigger blanks them; a
-- statement trigger files a seal request whose deferred constraint trigger seals the transaction's
-- new rows when it commits, under the lock of the chain's head row in chain_heads, so two
-- transactions never fork a chain and the lock is held only for the few milliseconds of sealing.

-- The canonical row: the row as jsonb without the chain columns and without null members (so a
-- nullable column added later leaves older rows' hashes alone; inside before/after, too, a null
-- member and an absent one are the same record), in jsonb's normalized text form (keys sorted, fixed
-- spacing), UTF-8. TimeZone is pinned, so timestamps read as UTC, on any server and session.
CREATE FUNCTION fangpin_chain_digest(r anyelement) RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET timezone = 'UTC' AS $$
  SELECT sha256(convert_to(jsonb_strip_nulls(to_jsonb(r) - 'chain_seq' - 'prev_hash' - 'hash')::text, 'UTF8'))
$$;
--> statement-breakpoint
-- Where each chain starts: its head before the first row.
CREATE FUNCTION fangpin_chain_genesis(chain text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT sha256(convert_to('fangpin-chain:' || chain, 'UTF8'))
$$;
--> statement-breakpoint
-- One link: hash = sha256(prev_hash || digest), the previous row's hash starting from the chain's head.
CREATE FUNCTION fangpin_chain_step(state bytea, head bytea, digest bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN sha256(coalesce(state, head) || digest);
END;
$$;
--> statement-breakpoint
-- The running hash of a chain as an aggregate, so a window (ORDER BY id) links a set of rows in one statement.
CREATE AGGREGATE fangpin_chain(bytea, bytea) (SFUNC = fangpin_chain_step, STYPE = bytea);
--> statement-breakpoint
-- Seals every unsealed row this transaction can see (its own new rows) in id order, chain by chain
-- in a fixed order (so two sealing transactions never wait on each other crosswise), one statement
-- per chain. SECURITY DEFINER: the application's role may not update these tables or chain_heads;
-- this function, owned by the schema owner, may, and only writes the chain columns of rows that have none.
CREATE FUNCTION fangpin_seal_chains() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET timezone = 'UTC' AS $$
DECLARE
  chain_name text;
  is_unsealed boolean;
  head_seq bigint;
  head_hash bytea;
  last_seq bigint;
  last_hash bytea;
BEGIN
  PERFORM set_config('fangpin.sealing', 'on', true);
  FOREACH chain_name IN ARRAY ARRAY['audit_log', 'case_events', 'registry_history'] LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I WHERE hash IS NULL)', chain_name) INTO is_unsealed;
    CONTINUE WHEN NOT is_unsealed;
    SELECT h.seq, h.hash INTO head_seq, head_hash FROM public.chain_heads h WHERE h.chain = chain_name FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'chain_heads has no row for %', chain_name;
    END IF;
    EXECUTE format(
      'WITH pending AS (SELECT t.id, public.fangpin_chain_digest(t) AS digest FROM public.%1$I t WHERE t.hash IS NULL),
            linked AS (SELECT id, $1 + row_number() OVER w AS seq, public.fangpin_chain($2, digest) OVER w AS hash FROM pending WINDOW w AS (ORDER BY id)),
            sealed AS (SELECT id, seq, coalesce(lag(hash) OVER (ORDER BY id), $2) AS prev, hash FROM linked),
            written AS (UPDATE public.%1$I t SET chain_seq = s.seq, prev_hash = s.prev, hash = s.hash FROM sealed s WHERE t.id = s.id RETURNING s.seq, s.hash)
       SELECT seq, hash FROM written ORDER BY seq DESC LIMIT 1',
      chain_name) INTO last_seq, last_hash USING head_seq, head_hash;
    IF last_seq IS NOT NULL THEN
      UPDATE public.chain_heads h SET seq = last_seq, hash = last_hash, sealed_at = now() WHERE h.chain = chain_name;
    END IF;
  END LOOP;
  DELETE FROM public.chain_seal_requests;
  PERFORM set_config('fangpin.sealing', 'off', true);
END;
$$;
--> statement-breakpoint
-- A writer never sets the chain columns itself.
CREATE FUNCTION fangpin_chain_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Each statement that appends to a chained table files one seal request (not one per row: a
-- registry import appends thousands of rows per statement). SECURITY DEFINER: the application's
-- role has no privilege on chain_seal_requests.
CREATE FUNCTION fangpin_chain_request_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO public.chain_seal_requests DEFAULT VALUES;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- At commit, each request seals what is unsealed (the first does the work, the others find nothing).
CREATE FUNCTION fangpin_chain_seal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM public.fangpin_seal_chains();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The append-only guard lets exactly one update through: the sealing of a row that has no hash yet.
CREATE OR REPLACE FUNCTION fangpin_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME IN ('audit_log', 'case_events', 'registry_history') AND current_setting('fangpin.sealing', true) = 'on' THEN
    IF OLD.hash IS NULL THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registry_history_no_truncate BEFORE TRUNCATE ON registry_history
  FOR EACH STATEMENT EXECUTE FUNCTION fangpin_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_unsealed BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fangpin_chain_unsealed();
--> statement-breakpoint
CREATE TRIGGER case_events_chain_unsealed BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION fangpin_chain_unsealed();
--> statement-breakpoint
CREATE TRIGGER registry_history_chain_unsealed BEFORE INSERT ON registry_history FOR EACH ROW EXECUTE FUNCTION fangpin_chain_unsealed();
--> statement-breakpoint
CREATE TRIGGER audit_log_chain_request AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION fangpin_chain_request_seal();
--> statement-breakpoint
CREATE TRIGGER case_events_chain_request AFTER INSERT ON case_events FOR EACH STATEMENT EXECUTE FUNCTION fangpin_chain_request_seal();
--> statement-breakpoint
CREATE TRIGGER registry_history_chain_request AFTER INSERT ON registry_history FOR EACH STATEMENT EXECUTE FUNCTION fangpin_chain_request_seal();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER chain_seal_at_commit AFTER INSERT ON chain_seal_requests DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION fangpin_chain_seal();
--> statement-breakpoint
-- The existing rows, chained in id order.
INSERT INTO chain_heads (chain, seq, hash)
  SELECT c, 0, fangpin_chain_genesis(c) FROM unnest(ARRAY['audit_log', 'case_events', 'registry_history']) AS c;
--> statement-breakpoint
SELECT fangpin_seal_chains();
--> statement-breakpoint
-- ANALYZE needs the table's owner (PostgreSQL 15 has no MAINTAIN privilege): the department import,
-- running as the application's role, asks the owner's function instead.
CREATE FUNCTION fangpin_analyze_department_rows() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  ANALYZE public.department_rows;
END;
$$;
