-- Contents stored once by their SHA-256 (lower-case hex): page bodies, site features, photos, snapshots. Other tables refer
-- to a blob by a `..._sha256` column REFERENCES blobs (sha256), so a blob still referred to cannot be deleted; the blobs
-- nothing refers to any more are removed by IBlobStore.PruneAsync.
CREATE TABLE blobs (
    sha256      TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    media_type  TEXT    NOT NULL,
    size        BIGINT  NOT NULL CHECK (size >= 0),
    content     BLOB    NOT NULL,
    created_at  TEXT    NOT NULL
);

-- An indexed site. Its identity is where it was read from (source_kind + source: the URL fetched, or the full path of the
-- folder, HTML file or WARC file) and its role: reading the same source again in the same role replaces the earlier row.
-- id is the key the index, the reports and the graph know it by. The domains its pages declare are claims (site_claims),
-- never the key. features is the engine's serialisation of everything the analysis needs.
CREATE TABLE sites (
    id               TEXT    PRIMARY KEY,
    source           TEXT    NOT NULL,
    source_kind      TEXT    NOT NULL CHECK (source_kind IN ('url', 'folder', 'file', 'warc')),
    role             TEXT    NOT NULL CHECK (role IN ('reference', 'suspect')),
    name             TEXT    NOT NULL,
    indexed_at       TEXT    NOT NULL,
    content_hash     TEXT    NOT NULL,
    features_sha256  TEXT    NOT NULL REFERENCES blobs (sha256),
    UNIQUE (source_kind, source, role)
);

CREATE INDEX sites_by_features ON sites (features_sha256);

-- A domain a site's pages declare about themselves (how: canonical, og:url, json-ld), and on which page.
CREATE TABLE site_claims (
    site_id   TEXT    NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    ordinal   INTEGER NOT NULL,
    domain    TEXT    NOT NULL,
    how       TEXT    NOT NULL,
    page_url  TEXT,
    PRIMARY KEY (site_id, ordinal)
);

CREATE INDEX site_claims_by_domain ON site_claims (domain);

CREATE TABLE site_pages (
    site_id      TEXT    NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    url          TEXT    NOT NULL,
    ordinal      INTEGER NOT NULL,
    title        TEXT,
    body_sha256  TEXT    REFERENCES blobs (sha256),
    media_type   TEXT,
    PRIMARY KEY (site_id, url)
);

CREATE INDEX site_pages_by_body ON site_pages (body_sha256);

-- Which sites share a tracker id, favicon hash, e-mail, phone, address, messenger handle or template.
CREATE TABLE site_fingerprints (
    site_id  TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (site_id, kind, value)
);

CREATE INDEX site_fingerprints_by_value ON site_fingerprints (kind, value);

-- The report of an analysed site (the `site analyze` JSON), its clones and findings as rows. A clone's reference is the id
-- the compared site had when the report was made; it is not a foreign key, as the report stays true if that site goes.
CREATE TABLE site_reports (
    site_id      TEXT PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
    analyzed_at  TEXT NOT NULL,
    report       TEXT NOT NULL
);

CREATE TABLE site_clones (
    site_id          TEXT             NOT NULL REFERENCES site_reports (site_id) ON DELETE CASCADE,
    ordinal          INTEGER          NOT NULL,
    reference_id     TEXT             NOT NULL,
    relation         TEXT             NOT NULL,
    similarity       DOUBLE PRECISION NOT NULL,
    copied_fraction  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (site_id, reference_id, relation)
);

CREATE INDEX site_clones_by_reference ON site_clones (reference_id);

CREATE TABLE site_findings (
    site_id   TEXT    NOT NULL REFERENCES site_reports (site_id) ON DELETE CASCADE,
    ordinal   INTEGER NOT NULL,
    code      TEXT    NOT NULL,
    severity  TEXT    NOT NULL,
    evidence  TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    data      TEXT,
    PRIMARY KEY (site_id, ordinal)
);

CREATE INDEX site_findings_by_code ON site_findings (code);
