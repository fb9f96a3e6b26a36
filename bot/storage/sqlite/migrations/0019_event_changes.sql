-- A counter per community, moved on by every change to an event that could change an attendance
-- report (a new or deleted event; its title, time, length, status, series or community edited). The
-- report's marker (bot.ports.attendance.report_marker) reads it, so a finished report is reused only
-- while none of these has happened: triggers, so no write path can forget it.
CREATE TABLE event_changes (
    platform TEXT NOT NULL,
    guild_id INTEGER NOT NULL,
    counter  INTEGER NOT NULL,
    PRIMARY KEY (platform, guild_id)
) WITHOUT ROWID;

CREATE TRIGGER event_changes_insert AFTER INSERT ON events
BEGIN
    INSERT INTO event_changes (platform, guild_id, counter) VALUES (new.platform, new.guild_id, 1)
        ON CONFLICT (platform, guild_id) DO UPDATE SET counter = counter + 1;
END;

CREATE TRIGGER event_changes_delete AFTER DELETE ON events
BEGIN
    INSERT INTO event_changes (platform, guild_id, counter) VALUES (old.platform, old.guild_id, 1)
        ON CONFLICT (platform, guild_id) DO UPDATE SET counter = counter + 1;
END;

CREATE TRIGGER event_changes_update
    AFTER UPDATE OF title, starts_at, duration_min, status, series_id, platform, guild_id ON events
BEGIN
    INSERT INTO event_changes (platform, guild_id, counter) VALUES (old.platform, old.guild_id, 1)
        ON CONFLICT (platform, guild_id) DO UPDATE SET counter = counter + 1;
    INSERT INTO event_changes (platform, guild_id, counter) VALUES (new.platform, new.guild_id, 1)
        ON CONFLICT (platform, guild_id) DO UPDATE SET counter = counter + 1;
END;

-- The report's marker reads the events of the last week (the longest an event lasts) before now:
-- covering, so it never visits the rows.
CREATE INDEX events_report_window ON events (platform, guild_id, status, starts_at, duration_min, series_id);
