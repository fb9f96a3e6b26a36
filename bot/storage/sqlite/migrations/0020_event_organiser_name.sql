-- The organiser of an event as they were when creating it: their display name and platform (in a
-- linked community an event is created from either platform, so it may differ from `platform`, the
-- community's). The announcement shows the name where the organiser cannot be mentioned: on the
-- other platform, or on Telegram before the bot has seen them again. Events created before: '' (the
-- announcement keeps its mention).
ALTER TABLE events ADD COLUMN organiser_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN organiser_platform TEXT NOT NULL DEFAULT ''
    CHECK (organiser_platform IN ('', 'discord', 'telegram'));
