-- A counter per community, moved on by every change to an event that could change an attendance
-- report (a new or deleted event; its title, time, length, status, series or community edited). The
-- report's marker (bot.ports.attendance.report_marker) reads it, so a finished report is reused only
-- while none of these has happened: a trigger, so no write path can forget it.
CREATE TABLE event_changes (
    platform TEXT NOT NULL,
    guild_id BIGINT NOT NULL,
    counter  BIGINT NOT NULL,
    PRIMARY KEY (platform, guild_id)
);

CREATE FUNCTION event_changes_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO event_changes (platform, guild_id, counter) VALUES (OLD.platform, OLD.guild_id, 1)
            ON CONFLICT (platform, guild_id) DO UPDATE SET counter = event_changes.counter + 1;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO event_changes (platform, guild_id, counter) VALUES (NEW.platform, NEW.guild_id, 1)
            ON CONFLICT (platform, guild_id) DO UPDATE SET counter = event_changes.counter + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER event_changes_note
    AFTER INSERT OR DELETE OR UPDATE OF title, starts_at, duration_min, status, series_id, platform, guild_id
    ON events FOR EACH ROW EXECUTE FUNCTION event_changes_note();

-- The report's marker reads the events of the last week (the longest an event lasts) before now:
-- covering, so it never visits the rows.
CREATE INDEX events_report_window ON events (platform, guild_id, status, starts_at) INCLUDE (duration_min, series_id, id);
