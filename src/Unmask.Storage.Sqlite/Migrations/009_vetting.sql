-- Vetting runs as typed rows. A batch is one run over one file; a record (kind:id) belongs to the batch that vetted it
-- last, so vetting it again replaces its row, its findings and its attachments (the cascades below) in one transaction.
-- The engine's own JSON (result: the vet output object; graph: what the link graph takes from the record) is kept beside
-- the columns other tools query.
CREATE TABLE vet_batches (
    id              TEXT    PRIMARY KEY,
    file            TEXT    NOT NULL,
    content_sha256  TEXT    NOT NULL,
    algorithm       TEXT    NOT NULL,
    vetted_at       TEXT    NOT NULL,
    records         INTEGER NOT NULL CHECK (records >= 0)
);

CREATE TABLE vet_records (
    key        TEXT    PRIMARY KEY,
    batch_id   TEXT    NOT NULL REFERENCES vet_batches (id),
    kind       TEXT    NOT NULL,
    record_id  TEXT    NOT NULL,
    caption    TEXT    NOT NULL,
    risk       INTEGER NOT NULL CHECK (risk BETWEEN 0 AND 100),
    level      TEXT    NOT NULL CHECK (level IN ('clear', 'low', 'medium', 'high', 'critical')),
    result     TEXT    NOT NULL,
    graph      TEXT    NOT NULL,
    CHECK (key = kind || ':' || record_id)
);

CREATE INDEX vet_records_by_batch ON vet_records (batch_id);

CREATE TABLE vet_findings (
    record_key  TEXT    NOT NULL REFERENCES vet_records (key) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    severity    TEXT    NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    evidence    TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    data        TEXT,
    PRIMARY KEY (record_key, ordinal)
) WITHOUT ROWID;

CREATE INDEX vet_findings_by_code ON vet_findings (code);

CREATE TABLE vet_attachments (
    record_key      TEXT NOT NULL REFERENCES vet_records (key) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    content_sha256  TEXT NOT NULL REFERENCES blobs (sha256),
    PRIMARY KEY (record_key, name)
) WITHOUT ROWID;

CREATE INDEX vet_attachments_by_blob ON vet_attachments (content_sha256);
