-- A push's first round trip, reading only what its mutations need: each customer's record and
-- the tables its mutations declare (`reads`), or its whole book when one of them declares none.
-- Like tam_claim_and_load (0002), which stays for servers of the previous release during a
-- rolling upgrade: register the client (or check it is this user's), take the customers'
-- advisory locks, then read, each statement in a fresh snapshot taken after the locks.

-- A customer's rows of one table, straight from the index: the customer's book no longer has
-- to be read whole to find the few rows a mutation needs. Its prefix serves whole books too.
CREATE INDEX records_team_customer_table ON records (team_id, customer_id, table_name) WHERE NOT deleted;
DROP INDEX records_team_customer;

CREATE FUNCTION tam_claim_and_load_tables(
  p_client_id text,
  p_team_id text,
  p_user_id text,
  p_now timestamptz,
  p_lock_keys jsonb,
  -- Customer ids whose whole book is read.
  p_whole_books jsonb,
  -- [{"c": customer id, "t": table}]: the only tables read of the other customers (their
  -- "customers" row is among them).
  p_tables jsonb
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
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, r.customer_id, r.data FROM records r
    WHERE r.team_id = p_team_id AND NOT r.deleted
      AND r.customer_id = ANY (ARRAY(SELECT jsonb_array_elements_text(p_whole_books)));
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, r.customer_id, r.data
    FROM jsonb_to_recordset(p_tables) AS wanted(c text, t text)
    JOIN records r ON r.team_id = p_team_id AND r.customer_id = wanted.c AND r.table_name = wanted.t
    WHERE NOT r.deleted;
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, NULL::text, r.data FROM records r
    WHERE r.team_id = p_team_id AND NOT r.deleted AND r.table_name = 'planTemplates';
END;
$$;
