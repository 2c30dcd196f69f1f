-- Keyed JSON documents for the other parts (indexed sites, vetted records, graph, cases).
CREATE TABLE documents (
    collection  TEXT NOT NULL,
    key         TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (collection, key)
) WITHOUT ROWID;
