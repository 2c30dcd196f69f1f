-- Datasets (lists) and their versions; entities belong to one version. A dataset's current version changes
-- in the same transaction that writes the new version, so readers see either the old or the new list, never a mix.
CREATE TABLE dataset_versions (
    id            INTEGER PRIMARY KEY,
    dataset       TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    publisher     TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    published     TEXT,
    file          TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    dataset_override TEXT,
    entities      INTEGER NOT NULL,
    names         INTEGER NOT NULL,
    identifiers   INTEGER NOT NULL,
    imported_at   TEXT    NOT NULL,
    warnings      TEXT    NOT NULL DEFAULT '[]'
);

CREATE TABLE datasets (
    name             TEXT PRIMARY KEY,
    current_version  INTEGER NOT NULL REFERENCES dataset_versions (id),
    version_number   INTEGER NOT NULL
);

CREATE TABLE entities (
    version_id  INTEGER NOT NULL,
    id          TEXT    NOT NULL,
    schema      TEXT    NOT NULL,
    dataset     TEXT    NOT NULL,
    caption     TEXT    NOT NULL,
    properties  TEXT    NOT NULL,
    names       INTEGER NOT NULL,
    identifiers INTEGER NOT NULL,
    PRIMARY KEY (version_id, id)
) WITHOUT ROWID;

CREATE INDEX entities_by_id ON entities (id);
