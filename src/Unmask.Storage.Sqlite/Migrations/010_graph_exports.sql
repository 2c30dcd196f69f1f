-- The link graph last built: its nodes and edges with their evidence as rows (for other tools' queries), and the engine's
-- snapshot (a blob) that Unmask's own queries load. graph_state holds one row; current turns false when lists, sites or
-- records change, and the next query builds the graph again.
CREATE TABLE graph_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    built_at         TEXT    NOT NULL,
    snapshot_sha256  TEXT    NOT NULL REFERENCES blobs (sha256),
    nodes            INTEGER NOT NULL CHECK (nodes >= 0),
    edges            INTEGER NOT NULL CHECK (edges >= 0),
    current          BOOLEAN NOT NULL
);

CREATE TABLE graph_nodes (
    id          TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    caption     TEXT    NOT NULL,
    risk        INTEGER CHECK (risk BETWEEN 0 AND 100),
    properties  TEXT
);

-- One edge per (source, target, relation), as the graph builder keeps them; the first evidence wins.
CREATE TABLE graph_edges (
    source      TEXT NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
    target      TEXT NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    weight      REAL NOT NULL CHECK (weight >= 0),
    evidence    TEXT NOT NULL,
    provenance  TEXT NOT NULL,
    PRIMARY KEY (source, target, kind),
    CHECK (source <> target)
) WITHOUT ROWID;

CREATE INDEX graph_edges_by_target ON graph_edges (target);

-- The created/modified times of each exported STIX object: an unchanged object keeps them, so re-exporting an unchanged
-- store gives the same bytes.
CREATE TABLE stix_objects (
    id            TEXT PRIMARY KEY,
    content_hash  TEXT NOT NULL,
    created       TEXT NOT NULL,
    modified      TEXT NOT NULL
);
