-- Role-gated RSVP and the announcement's ping: `rsvp_role` (only members with it may answer Going or
-- Maybe), `ping_role` (the one role the announcement mentions; chosen by the organiser).
ALTER TABLE events ADD COLUMN rsvp_role INTEGER;
ALTER TABLE events ADD COLUMN ping_role INTEGER;

-- Event templates of a community: everything /event create takes except the time and the channel.
CREATE TABLE event_templates (
    id               INTEGER PRIMARY KEY,
    platform         TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    guild_id         INTEGER NOT NULL,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description      TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    duration_min     INTEGER NOT NULL CHECK (duration_min >= 1),
    capacity         INTEGER CHECK (capacity IS NULL OR capacity >= 1),
    reminder_offsets TEXT NOT NULL DEFAULT '',
    rsvp_role        INTEGER,
    created_by       INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    UNIQUE (platform, guild_id, name)
);

-- Each member's own zone for times written out in DMs and files (/my timezone).
CREATE TABLE member_timezones (
    platform   TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    user_id    INTEGER NOT NULL,
    timezone   TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (platform, user_id)
) WITHOUT ROWID;
