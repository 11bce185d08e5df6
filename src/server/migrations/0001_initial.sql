-- The team server's schema: teams with their version counter, users and tokens, the synced
-- records (one table, tombstones kept), each client's place in its queue, mutation results,
-- and the append-only audit log. Every row is scoped to a team.

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- The per-team version counter: every written record takes the next value. Bumped under this
  -- row's lock inside the writing transaction, so versions become visible in commit order.
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  team_id text NOT NULL REFERENCES teams (id),
  id text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('tam', 'advisor', 'lead')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, id)
);

CREATE TABLE tokens (
  id text PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  -- sha-256 of the token, hex: the token itself is shown once and never stored.
  hash text NOT NULL UNIQUE,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  FOREIGN KEY (team_id, user_id) REFERENCES users (team_id, id)
);

CREATE TABLE records (
  team_id text NOT NULL REFERENCES teams (id),
  table_name text NOT NULL,
  id text NOT NULL,
  -- The customer whose book the record belongs to (a customer's own id for customers); null for
  -- team-wide tables such as planTemplates.
  customer_id text,
  data jsonb,
  version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (team_id, table_name, id),
  CHECK (deleted OR data IS NOT NULL)
);
-- Pull: rows after a cursor in version order. Unique: no two rows ever share a version.
CREATE UNIQUE INDEX records_team_version ON records (team_id, version);
-- Push: a customer's book.
CREATE INDEX records_team_customer ON records (team_id, customer_id) WHERE NOT deleted;

CREATE TABLE clients (
  client_id text PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  -- Mutation ids up to here are processed (applied or rejected): retries return stored results.
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  FOREIGN KEY (team_id, user_id) REFERENCES users (team_id, id)
);

CREATE TABLE mutation_results (
  client_id text NOT NULL REFERENCES clients (client_id),
  mutation_id bigint NOT NULL,
  team_id text NOT NULL,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  summary text,
  rejection jsonb,
  processed_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  at timestamptz NOT NULL,
  -- Null user, client and mutation: records an administrator loaded.
  user_id text,
  client_id text,
  mutation_id bigint,
  name text NOT NULL,
  version integer,
  customer_id text,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  client_time timestamptz,
  summary text,
  rejection jsonb,
  -- [{table, id, deleted, before, after}]: what changed, with the values it replaced.
  changes jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_team ON audit_log (team_id, id);
CREATE INDEX audit_log_team_customer ON audit_log (team_id, customer_id, id);

-- The audit log is append-only: nothing may rewrite history, not even the server.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
