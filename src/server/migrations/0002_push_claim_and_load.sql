-- A push's first round trip: register the client (or check it is this user's), take the
-- advisory locks of the customers the push touches, then read their books. One call instead of
-- two: as a VOLATILE function in READ COMMITTED, each statement below takes a fresh snapshot, so
-- the books are read after the locks are held and include every push that committed before.
CREATE FUNCTION tam_claim_and_load(
  p_client_id text,
  p_team_id text,
  p_user_id text,
  p_now timestamptz,
  p_lock_keys jsonb,
  p_customer_ids jsonb
) RETURNS TABLE (last_mutation_id bigint, table_name text, customer_id text, data jsonb)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  claimed bigint;
BEGIN
  INSERT INTO clients (client_id, team_id, user_id, last_mutation_id, created_at, last_seen_at)
  VALUES (p_client_id, p_team_id, p_user_id, 0, p_now, p_now)
  ON CONFLICT (client_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
    WHERE clients.team_id = EXCLUDED.team_id AND clients.user_id = EXCLUDED.user_id
  RETURNING clients.last_mutation_id INTO claimed;
  -- Another user's client id: no rows at all, and the caller answers "not found".
  IF claimed IS NULL THEN
    RETURN;
  END IF;
  -- Sorted by the caller: every transaction takes its locks in one order, so none deadlock.
  PERFORM pg_advisory_xact_lock(key::bigint)
  FROM jsonb_array_elements_text(p_lock_keys) WITH ORDINALITY AS keys(key, n)
  ORDER BY n;
  -- The first row carries the client's place; the books follow.
  RETURN QUERY SELECT claimed, NULL::text, NULL::text, NULL::jsonb;
  -- = ANY(ARRAY(…)): an array the planner probes the customer index with.
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, r.customer_id, r.data FROM records r
    WHERE r.team_id = p_team_id AND NOT r.deleted
      AND r.customer_id = ANY (ARRAY(SELECT jsonb_array_elements_text(p_customer_ids)));
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, NULL::text, r.data FROM records r
    WHERE r.team_id = p_team_id AND NOT r.deleted AND r.table_name = 'planTemplates';
END;
$$;
