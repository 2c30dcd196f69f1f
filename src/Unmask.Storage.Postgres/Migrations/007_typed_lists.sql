-- Typed lists, as SQLite's 007: every name and identifier of an entity is a row another tool can query (entity_names,
-- entity_identifiers), tied to its entity version; an entity belongs to a dataset version and a part to a dataset.
-- Keys and ids compare byte by byte (COLLATE "C"), as SQLite's do, so lists and entities come out in the same order on
-- both backends whatever the database's locale. Entity properties are json, not jsonb: jsonb reorders an object's keys,
-- and an entity's properties are read back in the order its reader gave them.
ALTER TABLE datasets ALTER COLUMN name TYPE TEXT COLLATE "C";
ALTER TABLE dataset_parts ALTER COLUMN dataset TYPE TEXT COLLATE "C", ALTER COLUMN part TYPE TEXT COLLATE "C";
ALTER TABLE dataset_versions ALTER COLUMN dataset TYPE TEXT COLLATE "C", ALTER COLUMN part TYPE TEXT COLLATE "C";
ALTER TABLE entities ALTER COLUMN id TYPE TEXT COLLATE "C", ALTER COLUMN properties TYPE JSON USING properties::json;

DELETE FROM entities WHERE version_id NOT IN (SELECT id FROM dataset_versions);
ALTER TABLE entities ADD CONSTRAINT entities_version_fk FOREIGN KEY (version_id) REFERENCES dataset_versions (id) ON DELETE CASCADE;
DELETE FROM dataset_parts WHERE dataset NOT IN (SELECT name FROM datasets);
ALTER TABLE dataset_parts ADD CONSTRAINT dataset_parts_dataset_fk FOREIGN KEY (dataset) REFERENCES datasets (name);

-- Every name once per entity, with the property it was first found in (name, alias, previousName, weakAlias).
CREATE TABLE entity_names (
    version_id  BIGINT NOT NULL,
    entity_id   TEXT   COLLATE "C" NOT NULL,
    name        TEXT   NOT NULL,
    property    TEXT   NOT NULL,
    PRIMARY KEY (version_id, entity_id, name),
    FOREIGN KEY (version_id, entity_id) REFERENCES entities (version_id, id) ON DELETE CASCADE
);

-- Passports, registration numbers, e-mails, phones, wallets, domains, IPs and websites; type says which.
CREATE TABLE entity_identifiers (
    version_id  BIGINT NOT NULL,
    entity_id   TEXT   COLLATE "C" NOT NULL,
    property    TEXT   NOT NULL,
    type        TEXT   NOT NULL,
    value       TEXT   NOT NULL,
    PRIMARY KEY (version_id, entity_id, property, value),
    FOREIGN KEY (version_id, entity_id) REFERENCES entities (version_id, id) ON DELETE CASCADE
);
CREATE INDEX entity_identifiers_by_value ON entity_identifiers (value);
