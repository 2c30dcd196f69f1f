-- Cases in typed tables, versioned for optimistic concurrency: a case starts at version 1 and every decision raises it
-- by one. A decision is keyed by the version it made, so two decisions made on the same version cannot both be stored
-- (the second is refused, whatever the code above does). Decisions, like the audit log, are never changed or removed.
CREATE TABLE cases (
    id        TEXT PRIMARY KEY,
    number    INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    subject   TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('open', 'cleared', 'escalated', 'reported')),
    version   INTEGER NOT NULL CHECK (version >= 1),
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    CHECK (id = 'case-' || number)
);

CREATE TABLE case_members (
    case_id  TEXT NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    node     TEXT NOT NULL,
    PRIMARY KEY (case_id, position),
    UNIQUE (case_id, node)
);

CREATE TABLE case_findings (
    case_id  TEXT NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    finding  TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
);

CREATE TABLE case_decisions (
    case_id    TEXT NOT NULL REFERENCES cases (id),
    version    INTEGER NOT NULL CHECK (version >= 2),
    decision   TEXT NOT NULL CHECK (decision IN ('cleared', 'escalated', 'reported')),
    reason     TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);

CREATE TRIGGER case_decisions_no_update BEFORE UPDATE ON case_decisions
BEGIN
    SELECT RAISE(ABORT, 'case decisions are never changed: record a new decision');
END;

CREATE TRIGGER case_decisions_no_delete BEFORE DELETE ON case_decisions
BEGIN
    SELECT RAISE(ABORT, 'case decisions are never removed: record a new decision');
END;
