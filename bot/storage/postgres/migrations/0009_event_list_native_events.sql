-- /event list reads only listed events (plain ones, and occurrences once announced) of a community,
-- soonest first: this index holds exactly those, with what the "not yet ended" test needs, so the
-- list and its page count never visit the tens of thousands of occurrences still to be announced.
CREATE INDEX events_listed ON events (platform, guild_id, starts_at, duration_min)
    WHERE status = 'scheduled' AND (announce_state IS NULL OR announce_state = 'posted');

-- The native Discord scheduled event that mirrors an announcement (Discord's Events list), if the
-- bot could create one (it needs Manage Events).
ALTER TABLE events ADD COLUMN native_event_id BIGINT;

-- Attendance of ended events, kept once computed: nobody can answer, check in or be moved up once an
-- event has ended (and reminders are never tried after the start), so its figures are final. The
-- report computes the ended events it has no row for, stores them here in one unit, and reads
-- everything else from these two tables instead of joining every answer to its check-in again.
CREATE TABLE event_figures (
    event_id     BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    going        INTEGER NOT NULL,
    maybe        INTEGER NOT NULL,
    waitlist     INTEGER NOT NULL,
    declined     INTEGER NOT NULL,
    checked_in   INTEGER NOT NULL,
    late         INTEGER NOT NULL,
    going_not_in INTEGER NOT NULL,
    promoted     INTEGER NOT NULL,
    dm_closed    INTEGER NOT NULL
);
-- One row per member who answered going or maybe, or checked in, at an ended event, with what the
-- report filters on (the community, the start and end, the series) beside it.
CREATE TABLE event_attendance (
    event_id       BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    platform       TEXT NOT NULL,
    user_id        BIGINT NOT NULL,
    event_platform TEXT NOT NULL,
    guild_id       BIGINT NOT NULL,
    starts_at      BIGINT NOT NULL,
    ends_at        BIGINT NOT NULL,
    series_id      BIGINT,
    display_name   TEXT NOT NULL,
    going          BOOLEAN NOT NULL,
    attended       BOOLEAN NOT NULL,
    late           BOOLEAN NOT NULL,
    PRIMARY KEY (event_id, platform, user_id)
);
CREATE INDEX event_attendance_by_member ON event_attendance (event_platform, guild_id, platform, user_id)
    INCLUDE (starts_at, ends_at, series_id, display_name, going, attended, late);
