-- The generic documents(collection, key, body) table of stores written before the typed schema gives way to the typed
-- tables of 007-012. It is renamed here; the step after the migrations (LegacyDocumentMove) moves its sites, site
-- reports, vetted records, cases and STIX object times into their tables and then drops it (a new store's is empty and
-- is dropped at once).
ALTER TABLE documents RENAME TO legacy_documents;
