-- What the HTTP service keeps: background jobs, API keys, watches with the alerts they raise and the webhook deliveries
-- of those alerts. The same tables as PostgreSQL's 012_service.sql; JSON columns are text that must be valid JSON (as
-- jsonb would insist), times are round-trip UTC text (so comparing them as text compares the times).

-- A job goes queued -> running (claimed by one worker) -> succeeded, failed or cancelled; a running job whose worker went
-- silent may go back to queued. The checks say which fields each status must have.
CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind <> ''),
    status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    progress      REAL    NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    progress_note TEXT,
    owner         TEXT    NOT NULL CHECK (owner <> ''),
    parameters    TEXT    NOT NULL CHECK (json_valid(parameters)),
    result        TEXT    CHECK (result IS NULL OR json_valid(result)),
    error         TEXT,
    worker        TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at    TEXT    NOT NULL,
    started_at    TEXT,
    heartbeat_at  TEXT,
    finished_at   TEXT,
    CHECK (status <> 'running' OR (worker IS NOT NULL AND started_at IS NOT NULL AND heartbeat_at IS NOT NULL)),
    CHECK ((status IN ('queued', 'running')) = (finished_at IS NULL)),
    CHECK (status <> 'succeeded' OR result IS NOT NULL),
    CHECK (status <> 'failed' OR error IS NOT NULL)
);

CREATE INDEX jobs_queue ON jobs (status, kind, created_at, id);
CREATE INDEX jobs_by_owner ON jobs (owner, created_at);

-- Only the SHA-256 of a key's secret is kept; the prefix (not unique: it only narrows the search) finds the candidates.
CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    owner         TEXT NOT NULL CHECK (owner <> ''),
    prefix        TEXT NOT NULL,
    hash          TEXT NOT NULL UNIQUE,
    scopes        TEXT NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
    created_at    TEXT NOT NULL,
    expires_at    TEXT CHECK (expires_at IS NULL OR expires_at > created_at),
    revoked_at    TEXT,
    last_used_at  TEXT
);

CREATE INDEX api_keys_by_prefix ON api_keys (prefix);

CREATE TABLE watches (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL CHECK (name <> ''),
    owner        TEXT    NOT NULL CHECK (owner <> ''),
    query        TEXT    NOT NULL CHECK (json_valid(query)),
    datasets     TEXT    NOT NULL CHECK (json_valid(datasets) AND json_type(datasets) = 'array'),
    threshold    REAL    NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
    webhook_url  TEXT,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT    NOT NULL
);

CREATE INDEX watches_by_owner ON watches (owner, created_at);

-- One alert per watch, entity and list version: re-screening the same list version raises nothing new. Alerts stay
-- when their watch is stopped (watches are deactivated, never deleted).
CREATE TABLE alerts (
    id               INTEGER PRIMARY KEY,
    watch_id         INTEGER NOT NULL REFERENCES watches (id),
    entity_id        TEXT    NOT NULL,
    dataset          TEXT    NOT NULL,
    dataset_version  INTEGER NOT NULL,
    score            REAL    NOT NULL,
    details          TEXT    NOT NULL CHECK (json_valid(details)),
    raised_at        TEXT    NOT NULL,
    acknowledged_by  TEXT,
    acknowledged_at  TEXT,
    UNIQUE (watch_id, entity_id, dataset, dataset_version),
    CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);

CREATE INDEX alerts_by_time ON alerts (raised_at);

-- A delivery is pending (due at next_attempt_at) until it is delivered or given up.
CREATE TABLE webhook_deliveries (
    id               INTEGER PRIMARY KEY,
    alert_id         INTEGER NOT NULL REFERENCES alerts (id),
    url              TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'gave_up')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    response_code    INTEGER,
    error            TEXT,
    created_at       TEXT    NOT NULL,
    last_attempt_at  TEXT,
    next_attempt_at  TEXT,
    delivered_at     TEXT,
    UNIQUE (alert_id, url),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
    CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
