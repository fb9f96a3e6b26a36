-- SQLite migration 0020 in PostgreSQL's terms. The organiser of an event as they were when creating
-- it: their display name and platform (in a linked community an event is created from either
-- platform, so it may differ from `platform`, the community's). The announcement shows the name where
-- the organiser cannot be mentioned. Events created before: '' (the announcement keeps its mention).
ALTER TABLE events
    ADD COLUMN organiser_name TEXT NOT NULL DEFAULT '',
    ADD COLUMN organiser_platform TEXT NOT NULL DEFAULT ''
        CHECK (organiser_platform IN ('', 'discord', 'telegram'));
