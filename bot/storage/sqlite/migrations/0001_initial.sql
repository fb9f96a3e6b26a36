-- Per-guild settings written by /setup. Snowflakes are INTEGER throughout the schema.
CREATE TABLE guild_settings (
    guild_id              INTEGER PRIMARY KEY,
    announcements_channel INTEGER,
    moderation_channel    INTEGER,
    resources_channel     INTEGER,
    organiser_role        INTEGER,
    moderator_role        INTEGER,
    timezone              TEXT,
    language              TEXT CHECK (language IN ('en', 'ur')),
    reminder_offsets      TEXT,              -- minutes before start, comma-separated, e.g. '1440,60'
    resource_approval     INTEGER NOT NULL DEFAULT 0 CHECK (resource_approval IN (0, 1)),
    report_sla_hours      INTEGER NOT NULL DEFAULT 12 CHECK (report_sla_hours BETWEEN 1 AND 720),
    updated_at            TEXT NOT NULL
);
