-- The link graph last built (the same tables as SQLite's 010_graph_exports.sql): its nodes and edges with their evidence
-- as rows (for other tools' queries), and the engine's snapshot (a blob) that Unmask's own queries load. graph_state holds
-- one row; current turns false when lists, sites or records change, and the next query builds the graph again. Ids compare
-- byte by byte (COLLATE "C"), as SQLite's do, so both backends list nodes and edges in the same order.
CREATE TABLE graph_state (
    id               BIGINT      PRIMARY KEY CHECK (id = 1),
    built_at         TIMESTAMPTZ NOT NULL,
    snapshot_sha256  TEXT        NOT NULL REFERENCES blobs (sha256),
    nodes            BIGINT      NOT NULL CHECK (nodes >= 0),
    edges            BIGINT      NOT NULL CHECK (edges >= 0),
    current          BOOLEAN     NOT NULL
);

CREATE TABLE graph_nodes (
    id          TEXT   COLLATE "C" PRIMARY KEY,
    kind        TEXT   NOT NULL,
    caption     TEXT   NOT NULL,
    risk        BIGINT CHECK (risk BETWEEN 0 AND 100),
    properties  JSONB
);

-- One edge per (source, target, relation), as the graph builder keeps them; the first evidence wins.
CREATE TABLE graph_edges (
    source      TEXT             COLLATE "C" NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
    target      TEXT             COLLATE "C" NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
    kind        TEXT             COLLATE "C" NOT NULL,
    weight      DOUBLE PRECISION NOT NULL CHECK (weight >= 0),
    evidence    TEXT             NOT NULL,
    provenance  TEXT             NOT NULL,
    PRIMARY KEY (source, target, kind),
    CHECK (source <> target)
);

CREATE INDEX graph_edges_by_target ON graph_edges (target);

-- The created/modified times of each exported STIX object: an unchanged object keeps them, so re-exporting an unchanged
-- store gives the same bytes.
CREATE TABLE stix_objects (
    id            TEXT        COLLATE "C" PRIMARY KEY,
    content_hash  TEXT        NOT NULL,
    created       TIMESTAMPTZ NOT NULL,
    modified      TIMESTAMPTZ NOT NULL
);
