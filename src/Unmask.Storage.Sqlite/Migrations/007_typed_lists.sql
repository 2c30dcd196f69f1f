-- Typed lists: every name and identifier of an entity is a row another tool can query (entity_names, entity_identifiers),
-- tied to its entity version; an entity belongs to a dataset version and a part to a dataset. SQLite cannot add a foreign
-- key to a table, so entities and dataset_parts are rebuilt with theirs. The names and identifiers of the entities already
-- stored are written by the C# step of this migration (RelationalListStore.WriteTypedRowsOfStoredEntitiesAsync): which
-- properties are names or identifiers is the schema vocabulary's to say, not SQL's.
CREATE TABLE entities_typed (
    version_id  INTEGER NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
    id          TEXT    NOT NULL,
    schema      TEXT    NOT NULL,
    dataset     TEXT    NOT NULL,
    caption     TEXT    NOT NULL,
    properties  TEXT    NOT NULL,
    names       INTEGER NOT NULL,
    identifiers INTEGER NOT NULL,
    metadata    TEXT,
    PRIMARY KEY (version_id, id)
) WITHOUT ROWID;
INSERT INTO entities_typed (version_id, id, schema, dataset, caption, properties, names, identifiers, metadata)
    SELECT version_id, id, schema, dataset, caption, properties, names, identifiers, metadata FROM entities
    WHERE version_id IN (SELECT id FROM dataset_versions);
DROP TABLE entities;
ALTER TABLE entities_typed RENAME TO entities;
CREATE INDEX entities_by_id ON entities (id);

CREATE TABLE dataset_parts_typed (
    dataset          TEXT    NOT NULL REFERENCES datasets (name),
    part             TEXT    NOT NULL,
    current_version  INTEGER NOT NULL REFERENCES dataset_versions (id),
    PRIMARY KEY (dataset, part)
) WITHOUT ROWID;
INSERT INTO dataset_parts_typed (dataset, part, current_version)
    SELECT dataset, part, current_version FROM dataset_parts WHERE dataset IN (SELECT name FROM datasets);
DROP TABLE dataset_parts;
ALTER TABLE dataset_parts_typed RENAME TO dataset_parts;
CREATE UNIQUE INDEX dataset_parts_by_version ON dataset_parts (current_version);

-- Every name once per entity, with the property it was first found in (name, alias, previousName, weakAlias).
CREATE TABLE entity_names (
    version_id  INTEGER NOT NULL,
    entity_id   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    property    TEXT    NOT NULL,
    PRIMARY KEY (version_id, entity_id, name),
    FOREIGN KEY (version_id, entity_id) REFERENCES entities (version_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Passports, registration numbers, e-mails, phones, wallets, domains, IPs and websites; type says which.
CREATE TABLE entity_identifiers (
    version_id  INTEGER NOT NULL,
    entity_id   TEXT    NOT NULL,
    property    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    PRIMARY KEY (version_id, entity_id, property, value),
    FOREIGN KEY (version_id, entity_id) REFERENCES entities (version_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX entity_identifiers_by_value ON entity_identifiers (value);
