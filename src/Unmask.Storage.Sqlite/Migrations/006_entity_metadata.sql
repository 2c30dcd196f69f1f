-- What an entity carries besides its properties, as FtM/yente give it: target (false for context entities such as an
-- applicant or a firm read back from an FtM export, never screened), first_seen, last_seen, last_change, referents and
-- the other datasets that list it. NULL means the defaults: a target, nothing else known.
ALTER TABLE entities ADD COLUMN metadata TEXT;
