-- fangpin_seal_chains (0019) with its statements written out per chain instead of built by
-- format() and EXECUTE: PL/pgSQL keeps a plan for a static statement for the session, while an
-- EXECUTEd one is parsed and planned on every call. Every transaction that appends to a chain
-- seals at its commit (every household search writes an access-log row), so the four statements
-- planned per chain on every commit were most of an access-log transaction's time in the database
-- (docs/design/search-and-todo-performance.md "Sealing without planning"). The chains, their order,
-- the lock on each head and the hashes are exactly those of 0019.
CREATE OR REPLACE FUNCTION fangpin_seal_chains() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET timezone = 'UTC' AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  last_seq bigint;
  last_hash bytea;
BEGIN
  PERFORM set_config('fangpin.sealing', 'on', true);

  IF EXISTS (SELECT 1 FROM public.audit_log WHERE hash IS NULL) THEN
    SELECT h.seq, h.hash INTO head_seq, head_hash FROM public.chain_heads h WHERE h.chain = 'audit_log' FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'chain_heads has no row for %', 'audit_log';
    END IF;
    WITH pending AS (SELECT t.id, public.fangpin_chain_digest(t) AS digest FROM public.audit_log t WHERE t.hash IS NULL),
         linked AS (SELECT id, head_seq + row_number() OVER w AS seq, public.fangpin_chain(head_hash, digest) OVER w AS hash FROM pending WINDOW w AS (ORDER BY id)),
         sealed AS (SELECT id, seq, coalesce(lag(hash) OVER (ORDER BY id), head_hash) AS prev, hash FROM linked),
         written AS (UPDATE public.audit_log t SET chain_seq = s.seq, prev_hash = s.prev, hash = s.hash FROM sealed s WHERE t.id = s.id RETURNING s.seq, s.hash)
    SELECT w.seq, w.hash INTO last_seq, last_hash FROM written w ORDER BY w.seq DESC LIMIT 1;
    IF last_seq IS NOT NULL THEN
      UPDATE public.chain_heads h SET seq = last_seq, hash = last_hash, sealed_at = now() WHERE h.chain = 'audit_log';
    END IF;
  END IF;

  IF EXISTS (SELECT 1 FROM public.case_events WHERE hash IS NULL) THEN
    SELECT h.seq, h.hash INTO head_seq, head_hash FROM public.chain_heads h WHERE h.chain = 'case_events' FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'chain_heads has no row for %', 'case_events';
    END IF;
    WITH pending AS (SELECT t.id, public.fangpin_chain_digest(t) AS digest FROM public.case_events t WHERE t.hash IS NULL),
         linked AS (SELECT id, head_seq + row_number() OVER w AS seq, public.fangpin_chain(head_hash, digest) OVER w AS hash FROM pending WINDOW w AS (ORDER BY id)),
         sealed AS (SELECT id, seq, coalesce(lag(hash) OVER (ORDER BY id), head_hash) AS prev, hash FROM linked),
         written AS (UPDATE public.case_events t SET chain_seq = s.seq, prev_hash = s.prev, hash = s.hash FROM sealed s WHERE t.id = s.id RETURNING s.seq, s.hash)
    SELECT w.seq, w.hash INTO last_seq, last_hash FROM written w ORDER BY w.seq DESC LIMIT 1;
    IF last_seq IS NOT NULL THEN
      UPDATE public.chain_heads h SET seq = last_seq, hash = last_hash, sealed_at = now() WHERE h.chain = 'case_events';
    END IF;
  END IF;

  IF EXISTS (SELECT 1 FROM public.registry_history WHERE hash IS NULL) THEN
    SELECT h.seq, h.hash INTO head_seq, head_hash FROM public.chain_heads h WHERE h.chain = 'registry_history' FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'chain_heads has no row for %', 'registry_history';
    END IF;
    WITH pending AS (SELECT t.id, public.fangpin_chain_digest(t) AS digest FROM public.registry_history t WHERE t.hash IS NULL),
         linked AS (SELECT id, head_seq + row_number() OVER w AS seq, public.fangpin_chain(head_hash, digest) OVER w AS hash FROM pending WINDOW w AS (ORDER BY id)),
         sealed AS (SELECT id, seq, coalesce(lag(hash) OVER (ORDER BY id), head_hash) AS prev, hash FROM linked),
         written AS (UPDATE public.registry_history t SET chain_seq = s.seq, prev_hash = s.prev, hash = s.hash FROM sealed s WHERE t.id = s.id RETURNING s.seq, s.hash)
    SELECT w.seq, w.hash INTO last_seq, last_hash FROM written w ORDER BY w.seq DESC LIMIT 1;
    IF last_seq IS NOT NULL THEN
      UPDATE public.chain_heads h SET seq = last_seq, hash = last_hash, sealed_at = now() WHERE h.chain = 'registry_history';
    END IF;
  END IF;

  DELETE FROM public.chain_seal_requests;
  PERFORM set_config('fangpin.sealing', 'off', true);
END;
$$;
