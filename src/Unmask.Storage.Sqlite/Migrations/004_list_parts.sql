-- A dataset is the union of its parts: one per published file (an IOC collection's emails.csv, phones.csv...), or the
-- whole list for a complete list. Each part has its own current version; importing a file replaces only its own part.
ALTER TABLE dataset_versions ADD COLUMN part TEXT NOT NULL DEFAULT '';
ALTER TABLE dataset_versions ADD COLUMN dataset_prefix TEXT;

CREATE INDEX dataset_versions_by_part ON dataset_versions (dataset, part);

CREATE TABLE dataset_parts (
    dataset          TEXT    NOT NULL,
    part             TEXT    NOT NULL,
    current_version  INTEGER NOT NULL REFERENCES dataset_versions (id),
    PRIMARY KEY (dataset, part)
) WITHOUT ROWID;

CREATE UNIQUE INDEX dataset_parts_by_version ON dataset_parts (current_version);

-- Versions written before parts existed get the part their reader now declares: the whole list for the publishers of
-- complete lists, else the file name without its extension. Files that were imported together were stored as one
-- version, which cannot be split again: that version becomes the part 'legacy' until its files are imported again.
UPDATE dataset_versions SET part = CASE
    WHEN publisher IN ('US Treasury OFAC', 'UN Security Council', 'European Commission (FPI)', 'HM Treasury OFSI',
                       'Foreign, Commonwealth & Development Office (FCDO)') THEN 'list'
    WHEN instr(file, ' + ') > 0 THEN 'legacy'
    WHEN instr(file, '.') > 1 THEN lower(substr(file, 1, length(rtrim(file, replace(file, '.', ''))) - 1))
    ELSE lower(file)
END;

INSERT INTO dataset_parts (dataset, part, current_version)
    SELECT d.name, v.part, d.current_version FROM datasets d JOIN dataset_versions v ON v.id = d.current_version;

-- A dataset no longer has one current version: its parts have.
CREATE TABLE datasets_of_parts (
    name            TEXT    PRIMARY KEY,
    version_number  INTEGER NOT NULL
);
INSERT INTO datasets_of_parts (name, version_number) SELECT name, version_number FROM datasets;
DROP TABLE datasets;
ALTER TABLE datasets_of_parts RENAME TO datasets;
