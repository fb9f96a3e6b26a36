-- The resource library's times become unix seconds (UTC), like every other table's, and its indexes
-- take the community's platform (0005 added the column) so a Telegram group and a Discord server with
-- the same id keep separate libraries.
--
-- The columns are swapped in place (add, fill, drop, rename) rather than by rebuilding the tables:
-- dropping `resources` would cascade to its tags and votes (foreign keys are on) and its FTS
-- triggers, while the ids, the full-text index (rowid = resources.id) and the triggers stay as they
-- are this way. Every row is kept; an ISO text that does not parse becomes 0 rather than losing the row.

ALTER TABLE resources ADD COLUMN created_at_unix INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resources ADD COLUMN decided_at_unix INTEGER;
ALTER TABLE resources ADD COLUMN removed_at_unix INTEGER;
UPDATE resources SET
    created_at_unix = COALESCE(CAST(strftime('%s', created_at) AS INTEGER), 0),
    decided_at_unix = CAST(strftime('%s', decided_at) AS INTEGER),
    removed_at_unix = CAST(strftime('%s', removed_at) AS INTEGER);
ALTER TABLE resources DROP COLUMN created_at;
ALTER TABLE resources DROP COLUMN decided_at;
ALTER TABLE resources DROP COLUMN removed_at;
ALTER TABLE resources RENAME COLUMN created_at_unix TO created_at;
ALTER TABLE resources RENAME COLUMN decided_at_unix TO decided_at;
ALTER TABLE resources RENAME COLUMN removed_at_unix TO removed_at;

ALTER TABLE resource_votes ADD COLUMN voted_at_unix INTEGER NOT NULL DEFAULT 0;
UPDATE resource_votes SET voted_at_unix = COALESCE(CAST(strftime('%s', voted_at) AS INTEGER), 0);
ALTER TABLE resource_votes DROP COLUMN voted_at;
ALTER TABLE resource_votes RENAME COLUMN voted_at_unix TO voted_at;

DROP INDEX resources_live_url;
CREATE UNIQUE INDEX resources_live_url ON resources (platform, guild_id, url_key)
    WHERE status IN ('pending', 'published');
DROP INDEX resources_top;
CREATE INDEX resources_top ON resources (platform, guild_id, status, upvotes DESC, id);
