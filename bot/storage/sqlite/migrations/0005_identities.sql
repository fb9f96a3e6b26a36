-- Platform-neutral identities. A community, a member and a place were Discord snowflakes; from here
-- every one is (platform, id), so a Telegram group, chat and user fit beside Discord's without
-- another schema change. Existing rows are Discord's. Tables whose keys hold a member are rebuilt
-- with the platform in the key; the others gain a column.

-- Communities: the settings row is keyed by (platform, id).
CREATE TABLE guild_settings_new (
    platform              TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    guild_id              INTEGER NOT NULL,
    announcements_channel INTEGER,
    moderation_channel    INTEGER,
    resources_channel     INTEGER,
    organiser_role        INTEGER,
    moderator_role        INTEGER,
    timezone              TEXT,
    language              TEXT CHECK (language IN ('en', 'ur')),
    reminder_offsets      TEXT,
    resource_approval     INTEGER NOT NULL DEFAULT 0 CHECK (resource_approval IN (0, 1)),
    report_sla_hours      INTEGER NOT NULL DEFAULT 12 CHECK (report_sla_hours BETWEEN 1 AND 720),
    updated_at            TEXT NOT NULL,
    PRIMARY KEY (platform, guild_id)
) WITHOUT ROWID;
INSERT INTO guild_settings_new (platform, guild_id, announcements_channel, moderation_channel,
    resources_channel, organiser_role, moderator_role, timezone, language, reminder_offsets,
    resource_approval, report_sla_hours, updated_at)
SELECT 'discord', guild_id, announcements_channel, moderation_channel, resources_channel,
    organiser_role, moderator_role, timezone, language, reminder_offsets, resource_approval,
    report_sla_hours, updated_at
FROM guild_settings;
DROP TABLE guild_settings;
ALTER TABLE guild_settings_new RENAME TO guild_settings;

-- Things that belong to a community carry its platform beside its id.
ALTER TABLE events ADD COLUMN platform TEXT NOT NULL DEFAULT 'discord'
    CHECK (platform IN ('discord', 'telegram'));
DROP INDEX events_guild_upcoming;
CREATE INDEX events_guild_upcoming ON events (platform, guild_id, status, starts_at);

ALTER TABLE resources ADD COLUMN platform TEXT NOT NULL DEFAULT 'discord'
    CHECK (platform IN ('discord', 'telegram'));
ALTER TABLE report_cases ADD COLUMN platform TEXT NOT NULL DEFAULT 'discord'
    CHECK (platform IN ('discord', 'telegram'));
-- The reporter's platform (evidence rows are append-only: a new column only, no rewrite).
ALTER TABLE report_intake ADD COLUMN reporter_platform TEXT NOT NULL DEFAULT 'discord'
    CHECK (reporter_platform IN ('discord', 'telegram'));

-- Members: one answer per (event, platform, member).
CREATE TABLE event_rsvps_new (
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    platform     TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    user_id      INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('going', 'maybe', 'declined', 'waitlist')),
    seq          INTEGER NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (event_id, platform, user_id)
) WITHOUT ROWID;
INSERT INTO event_rsvps_new (event_id, platform, user_id, status, seq, display_name, updated_at)
SELECT event_id, 'discord', user_id, status, seq, display_name, updated_at FROM event_rsvps;
DROP TABLE event_rsvps;
ALTER TABLE event_rsvps_new RENAME TO event_rsvps;
CREATE INDEX event_rsvps_by_status ON event_rsvps (event_id, status, seq);
CREATE INDEX event_rsvps_by_user ON event_rsvps (platform, user_id, status);

CREATE TABLE event_reminders_new (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    platform   TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    user_id    INTEGER NOT NULL,
    offset_min INTEGER NOT NULL,
    starts_at  INTEGER NOT NULL,
    due_at     INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'claimed', 'sent', 'late', 'skipped', 'dm_closed', 'failed')),
    done_at    INTEGER,
    UNIQUE (event_id, platform, user_id, offset_min, starts_at)
);
INSERT INTO event_reminders_new (id, event_id, platform, user_id, offset_min, starts_at, due_at, status, done_at)
SELECT id, event_id, 'discord', user_id, offset_min, starts_at, due_at, status, done_at FROM event_reminders;
DROP TABLE event_reminders;
ALTER TABLE event_reminders_new RENAME TO event_reminders;
CREATE INDEX event_reminders_pending ON event_reminders (event_id, offset_min, due_at)
    WHERE status = 'pending';

CREATE TABLE resource_votes_new (
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    platform    TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    user_id     INTEGER NOT NULL,
    voted_at    TEXT    NOT NULL,
    PRIMARY KEY (resource_id, platform, user_id)
) WITHOUT ROWID;
INSERT INTO resource_votes_new (resource_id, platform, user_id, voted_at)
SELECT resource_id, 'discord', user_id, voted_at FROM resource_votes;
DROP TABLE resource_votes;
ALTER TABLE resource_votes_new RENAME TO resource_votes;

CREATE TABLE report_notices_new (
    case_id     INTEGER NOT NULL REFERENCES report_cases (id),
    platform    TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    reporter_id INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER,
    delivered   INTEGER CHECK (delivered IN (0, 1)),
    PRIMARY KEY (case_id, platform, reporter_id)
);
INSERT INTO report_notices_new (case_id, platform, reporter_id, created_at, sent_at, delivered)
SELECT case_id, 'discord', reporter_id, created_at, sent_at, delivered FROM report_notices;
DROP TABLE report_notices;
ALTER TABLE report_notices_new RENAME TO report_notices;
CREATE INDEX report_notices_pending ON report_notices (case_id) WHERE sent_at IS NULL;
