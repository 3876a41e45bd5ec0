-- Resilient Circuit: shared circuit-breaker state.
-- Idempotent: creates the table of the Python ancestor (rc_circuit_breakers, same columns, same
-- indexes) or upgrades an existing one with the columns the Java protocol needs.
-- Timestamps are TIMESTAMPTZ: the same instants as the seeds' TIMESTAMP columns, but independent of
-- each client's session time zone, so instances in different zones agree.

CREATE TABLE IF NOT EXISTS rc_circuit_breakers (
    resource_key VARCHAR(255) NOT NULL,
    state VARCHAR(50) NOT NULL,
    failure_count INTEGER NOT NULL DEFAULT 0,
    open_until TIMESTAMPTZ,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP
);

-- Columns of the Java protocol (absent from a table made by the Python ancestor).
ALTER TABLE rc_circuit_breakers ADD COLUMN IF NOT EXISTS namespace VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE rc_circuit_breakers ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rc_circuit_breakers ADD COLUMN IF NOT EXISTS changed_by VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE rc_circuit_breakers ADD COLUMN IF NOT EXISTS lease_until TIMESTAMPTZ;
-- The Python library (0.4.3 and later) keeps its window of outcomes here; its own pg-setup fails
-- on a table without it. The Java protocol neither reads nor writes it.
ALTER TABLE rc_circuit_breakers ADD COLUMN IF NOT EXISTS execution_log JSONB;

-- A table from the ancestor has TIMESTAMP columns: read them as the server's local time. The
-- triggers depend on these columns, so they go first and are created again below.
DROP TRIGGER IF EXISTS rc_circuit_breakers_updated_at ON rc_circuit_breakers;
DROP TRIGGER IF EXISTS rc_circuit_breakers_notify ON rc_circuit_breakers;
DROP TRIGGER IF EXISTS rc_circuit_breakers_version ON rc_circuit_breakers;
-- Later releases of the Python library have their own updated_at trigger, which would overwrite
-- ours on every write: this schema's trigger replaces it.
DROP TRIGGER IF EXISTS update_rc_circuit_breakers_updated_at ON rc_circuit_breakers;
ALTER TABLE rc_circuit_breakers ALTER COLUMN open_until TYPE TIMESTAMPTZ;
ALTER TABLE rc_circuit_breakers ALTER COLUMN created_at TYPE TIMESTAMPTZ;
ALTER TABLE rc_circuit_breakers ALTER COLUMN updated_at TYPE TIMESTAMPTZ;

-- The namespace is part of a row's identity: the primary key is (namespace, resource_key).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint
               WHERE conname = 'rc_circuit_breakers_pkey'
                 AND conrelid = 'rc_circuit_breakers'::regclass
                 AND array_length(conkey, 1) = 1) THEN
        ALTER TABLE rc_circuit_breakers DROP CONSTRAINT rc_circuit_breakers_pkey;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conname = 'rc_circuit_breakers_pkey'
                     AND conrelid = 'rc_circuit_breakers'::regclass) THEN
        ALTER TABLE rc_circuit_breakers ADD CONSTRAINT rc_circuit_breakers_pkey PRIMARY KEY (namespace, resource_key);
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS idx_rc_circuit_breakers_state ON rc_circuit_breakers (state);
CREATE INDEX IF NOT EXISTS idx_rc_circuit_breakers_open_until ON rc_circuit_breakers (open_until);
CREATE INDEX IF NOT EXISTS idx_rc_circuit_breakers_key_state ON rc_circuit_breakers (resource_key, state);
CREATE INDEX IF NOT EXISTS idx_rc_circuit_breakers_state_updated ON rc_circuit_breakers (state, updated_at DESC);
-- The change feed's incremental poll: the rows of one namespace changed recently.
CREATE INDEX IF NOT EXISTS idx_rc_circuit_breakers_namespace_updated ON rc_circuit_breakers (namespace, updated_at);

-- updated_at moves only when a value changes (a write of the same values leaves it alone).
CREATE OR REPLACE FUNCTION rc_circuit_breakers_touch() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER rc_circuit_breakers_updated_at
    BEFORE UPDATE ON rc_circuit_breakers
    FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state
          OR OLD.failure_count IS DISTINCT FROM NEW.failure_count
          OR OLD.open_until IS DISTINCT FROM NEW.open_until
          OR OLD.version IS DISTINCT FROM NEW.version
          OR OLD.changed_by IS DISTINCT FROM NEW.changed_by
          OR OLD.lease_until IS DISTINCT FROM NEW.lease_until)
    EXECUTE FUNCTION rc_circuit_breakers_touch();

-- Who wrote a row without saying so: the session's user, application name and client address,
-- for example `sql:postgres/psql@10.0.0.7`. Used for writers that do not know changed_by.
CREATE OR REPLACE FUNCTION rc_circuit_breakers_writer() RETURNS varchar AS $$
    SELECT left('sql:' || session_user
                || COALESCE('/' || NULLIF(current_setting('application_name', true), ''), '')
                || COALESCE('@' || host(inet_client_addr()), ''), 255)
$$ LANGUAGE sql STABLE;

-- Every writer is heard. A writer that changes what a row means (its state or a deadline) without
-- knowing the version column (the Python library, an operator's UPDATE) still moves the row to the
-- next version, signed by who wrote it, so its announcement is news to every instance and a later
-- compare-and-set from the older version fails instead of overwriting it. The Java protocol always
-- sets the version itself and is left alone. A half-open state without a lease (such a writer's
-- probe) gets the default lease: the other instances wait for its outcome, and take over if the
-- prober vanishes.
CREATE OR REPLACE FUNCTION rc_circuit_breakers_version() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state IS DISTINCT FROM 'CLOSED' AND NEW.changed_by = '' THEN
            NEW.changed_by := rc_circuit_breakers_writer();
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.version = OLD.version
       AND (NEW.state IS DISTINCT FROM OLD.state OR NEW.open_until IS DISTINCT FROM OLD.open_until
            OR NEW.lease_until IS DISTINCT FROM OLD.lease_until) THEN
        NEW.version := OLD.version + 1;
        IF NEW.changed_by IS NOT DISTINCT FROM OLD.changed_by THEN
            NEW.changed_by := rc_circuit_breakers_writer();
        END IF;
        IF NEW.state = 'HALF_OPEN' AND NEW.lease_until IS NOT DISTINCT FROM OLD.lease_until THEN
            NEW.lease_until := clock_timestamp() + INTERVAL '30 seconds';
        END IF;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER rc_circuit_breakers_version
    BEFORE INSERT OR UPDATE ON rc_circuit_breakers
    FOR EACH ROW
    EXECUTE FUNCTION rc_circuit_breakers_version();

-- Every change of a row, whoever makes it (an instance, the command line, an operator's UPDATE),
-- is announced to every listening instance. Fields are separated by the unit separator (chr 31);
-- the key comes last. Times travel as milliseconds remaining by the database clock; the announcement's
-- own time (microseconds since the epoch, database clock) lets receivers measure propagation delay;
-- the table's oid tells a table created again from the one an instance knew. COALESCE keeps every
-- field in place for rows written by other tools, which may leave columns NULL (concat_ws skips NULLs).
CREATE OR REPLACE FUNCTION rc_circuit_breakers_announce() RETURNS trigger AS $$
DECLARE
    deadline TIMESTAMPTZ := CASE NEW.state WHEN 'OPEN' THEN NEW.open_until
                                            WHEN 'HALF_OPEN' THEN NEW.lease_until END;
BEGIN
    PERFORM pg_notify('rc_circuit_breakers', concat_ws(chr(31),
        NEW.namespace,
        COALESCE(NEW.version, 0),
        COALESCE(NEW.state, ''),
        GREATEST(0, CEIL(EXTRACT(EPOCH FROM (deadline - clock_timestamp())) * 1000))::bigint,
        COALESCE(NEW.failure_count, 0),
        COALESCE(NEW.changed_by, ''),
        (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint,
        TG_RELID::bigint,
        NEW.resource_key));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER rc_circuit_breakers_notify
    AFTER INSERT OR UPDATE ON rc_circuit_breakers
    FOR EACH ROW
    EXECUTE FUNCTION rc_circuit_breakers_announce();

-- Shared-window mode (rc.window=shared): the fleet's outcomes for the closed phase at `version`,
-- added up in batches by every instance. Kept apart from rc_circuit_breakers so that counting
-- neither moves updated_at nor takes the lock that transitions use.
CREATE TABLE IF NOT EXISTS rc_breaker_windows (
    namespace VARCHAR(255) NOT NULL DEFAULT '',
    resource_key VARCHAR(255) NOT NULL,
    version BIGINT NOT NULL,
    calls INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (namespace, resource_key)
);

-- Quorum mode (rc.quorum > 1): which instances tripped the closed phase at `version`, and when.
CREATE TABLE IF NOT EXISTS rc_breaker_votes (
    namespace VARCHAR(255) NOT NULL DEFAULT '',
    resource_key VARCHAR(255) NOT NULL,
    version BIGINT NOT NULL,
    instance VARCHAR(255) NOT NULL,
    voted_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (namespace, resource_key, version, instance)
);
