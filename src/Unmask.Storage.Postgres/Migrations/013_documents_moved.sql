-- Version 13 on SQLite moves the documents table of stores from before the typed schema into the typed tables.
-- PostgreSQL stores never had that table: they start typed, so this version changes nothing here.
SELECT 1;
