-- A push's first round trip, now also its token check, reading only what its mutations need:
-- each customer's record and the tables its mutations declare (`reads`), or its whole book when
-- one of them declares none. Like tam_claim_and_load (0002), which stays for servers of the
-- previous release during a rolling upgrade: find the token's user, register the client (or
-- check it is this user's), take the customers' advisory locks, then read, each statement in a
-- fresh snapshot taken after the locks.

-- A customer's rows of one table, straight from the index: the customer's book no longer has
-- to be read whole to find the few rows a mutation needs. Its prefix serves whole books too.
CREATE INDEX records_team_customer_table ON records (team_id, customer_id, table_name) WHERE NOT deleted;
DROP INDEX records_team_customer;

-- The advisory-lock key of one scope of a team ("customer:<id>" or "team"): the first eight bytes
-- of sha-256(team id, NUL, scope) as a signed bigint, the very keys tam_claim_and_load's callers
-- computed, so instances of both releases exclude each other during a rolling upgrade.
CREATE FUNCTION tam_scope_lock_key(p_team_id text, p_scope text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ('x' || left(encode(sha256(convert_to(p_team_id, 'UTF8') || '\x00'::bytea
    || convert_to(p_scope, 'UTF8')), 'hex'), 16))::bit(64)::bigint
$$;

CREATE FUNCTION tam_claim_and_load_tables(
  -- sha-256 of the bearer token, hex: the token check is this call's first statement.
  p_token_hash text,
  p_client_id text,
  p_now timestamptz,
  -- The scopes to lock: "customer:<id>", "team".
  p_scopes jsonb,
  -- Customer ids whose whole book is read.
  p_whole_books jsonb,
  -- [{"customers": [ids], "tables": [names]}]: of the other customers, the only tables read,
  -- grouped by the tables (a customer's "customers" row is among them).
  p_tables jsonb
) RETURNS TABLE (last_mutation_id bigint, table_name text, customer_id text, data jsonb)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  who jsonb;
  v_team text;
  v_user text;
  claimed bigint;
  lock_key bigint;
  wanted jsonb;
BEGIN
  SELECT jsonb_build_object('tokenId', t.id, 'teamId', u.team_id, 'teamName', teams.name,
                            'userId', u.id, 'userName', u.name, 'role', u.role),
         u.team_id, u.id
  INTO who, v_team, v_user
  FROM tokens t
  JOIN users u ON u.team_id = t.team_id AND u.id = t.user_id
  JOIN teams ON teams.id = u.team_id
  WHERE t.hash = p_token_hash AND t.revoked_at IS NULL;
  -- Not a token, or a revoked one: no rows at all, and the caller answers 401.
  IF who IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO clients (client_id, team_id, user_id, last_mutation_id, created_at, last_seen_at)
  VALUES (p_client_id, v_team, v_user, 0, p_now, p_now)
  ON CONFLICT (client_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
    WHERE clients.team_id = EXCLUDED.team_id AND clients.user_id = EXCLUDED.user_id
  RETURNING clients.last_mutation_id INTO claimed;
  -- Another user's client id: the caller's identity alone, and it answers "not found".
  IF claimed IS NULL THEN
    RETURN QUERY SELECT NULL::bigint, NULL::text, NULL::text, who;
    RETURN;
  END IF;
  -- In the keys' order: every transaction takes its locks in one order, so none deadlock.
  FOR lock_key IN
    SELECT DISTINCT tam_scope_lock_key(v_team, scope)
    FROM jsonb_array_elements_text(p_scopes) AS scopes(scope)
    ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(lock_key);
  END LOOP;
  -- The first row carries the caller and the client's place; the books follow.
  RETURN QUERY SELECT claimed, NULL::text, NULL::text, who;
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, r.customer_id, r.data FROM records r
    WHERE r.team_id = v_team AND NOT r.deleted
      AND r.customer_id = ANY (ARRAY(SELECT jsonb_array_elements_text(p_whole_books)));
  -- One index scan per group (a join with the list would be planned as a hash join over the
  -- team's every record).
  FOR wanted IN SELECT value FROM jsonb_array_elements(p_tables) LOOP
    RETURN QUERY
      SELECT NULL::bigint, r.table_name, r.customer_id, r.data FROM records r
      WHERE r.team_id = v_team AND NOT r.deleted
        AND r.customer_id = ANY (ARRAY(SELECT jsonb_array_elements_text(wanted->'customers')))
        AND r.table_name = ANY (ARRAY(SELECT jsonb_array_elements_text(wanted->'tables')));
  END LOOP;
  RETURN QUERY
    SELECT NULL::bigint, r.table_name, NULL::text, r.data FROM records r
    WHERE r.team_id = v_team AND NOT r.deleted AND r.table_name = 'planTemplates';
END;
$$;
