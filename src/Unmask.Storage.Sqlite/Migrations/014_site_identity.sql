-- Until this version a site's id was the domain its pages declared (canonical link, og:url, JSON-LD url), so a suspect that
-- kept a firm's canonical link took the firm's id and overwrote its row. Ids now come from where a site was read from and
-- its role (SiteIdentity). The application re-derives the ids of the sites stored here when it next opens the store and
-- renames those whose id was a domain they do not own; each change is written here, with why. A reference overwritten
-- under the old scheme is gone (its row was replaced): the note of the suspect that took its id says so.
CREATE TABLE site_renames (
    ordinal     INTEGER PRIMARY KEY,
    from_id     TEXT    NOT NULL,
    to_id       TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    renamed_at  TEXT    NOT NULL
);

-- A store of version 13 has moved its old documents and dropped their table; it comes back empty for the check below
-- and is dropped again after the migrations, as an empty one always is (LegacyDocumentMove).
CREATE TABLE IF NOT EXISTS legacy_documents (
    collection  TEXT NOT NULL,
    key         TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (collection, key)
) WITHOUT ROWID;

-- A row with empty ids marks the re-derivation as pending in a store that holds sites (on SQLite, also sites still to be
-- moved from an older store's documents); the first repair removes it. A new store is not marked.
INSERT INTO site_renames (from_id, to_id, reason, renamed_at)
SELECT '', '', 'pending: site ids to re-derive from source and role', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE EXISTS (SELECT 1 FROM sites) OR EXISTS (SELECT 1 FROM legacy_documents WHERE collection = 'sites');
