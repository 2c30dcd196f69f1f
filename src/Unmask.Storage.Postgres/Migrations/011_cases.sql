-- Cases in typed tables, versioned for optimistic concurrency: a case starts at version 1 and every decision raises it
-- by one. A decision is keyed by the version it made, so two decisions made on the same version cannot both be stored
-- (the second is refused, whatever the code above does). Decisions, like the audit log, are never changed or removed.
CREATE TABLE cases (
    id        TEXT PRIMARY KEY,
    number    BIGINT NOT NULL UNIQUE CHECK (number >= 1),
    subject   TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('open', 'cleared', 'escalated', 'reported')),
    version   BIGINT NOT NULL CHECK (version >= 1),
    opened_by TEXT NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    CHECK (id = 'case-' || number)
);

CREATE TABLE case_members (
    case_id  TEXT NOT NULL REFERENCES cases (id),
    position BIGINT NOT NULL CHECK (position >= 0),
    node     TEXT NOT NULL,
    PRIMARY KEY (case_id, position),
    UNIQUE (case_id, node)
);

CREATE TABLE case_findings (
    case_id  TEXT NOT NULL REFERENCES cases (id),
    position BIGINT NOT NULL CHECK (position >= 0),
    finding  TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
);

CREATE TABLE case_decisions (
    case_id    TEXT NOT NULL REFERENCES cases (id),
    version    BIGINT NOT NULL CHECK (version >= 2),
    decision   TEXT NOT NULL CHECK (decision IN ('cleared', 'escalated', 'reported')),
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, version)
);

-- Decisions are append-only, as the audit log is (006_baseline): row triggers refuse UPDATE and DELETE, a statement
-- trigger refuses TRUNCATE (which row triggers do not see).
CREATE FUNCTION case_decisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case decisions are never changed or removed: record a new decision (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER case_decisions_no_update BEFORE UPDATE ON case_decisions FOR EACH ROW EXECUTE FUNCTION case_decisions_refuse_change();
CREATE TRIGGER case_decisions_no_delete BEFORE DELETE ON case_decisions FOR EACH ROW EXECUTE FUNCTION case_decisions_refuse_change();
CREATE TRIGGER case_decisions_no_truncate BEFORE TRUNCATE ON case_decisions FOR EACH STATEMENT EXECUTE FUNCTION case_decisions_refuse_change();

-- An audit entry's MAC covers its time as round-trip text ("O", seven decimals). Entries written before the typed store
-- (SQLite, to the 100 ns) must verify after 'db copy' to PostgreSQL, whose timestamptz keeps microseconds only: the log
-- keeps the exact text it signed, as SQLite does. Entries written here so far are at the microsecond; the seventh
-- decimal of their text is 0.
ALTER TABLE audit_log ALTER COLUMN at TYPE TEXT
    USING to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '0+00:00';
