-- Check-in at the door and attendance. One check-in per member per event (`late` when after the
-- start); codes an organiser shows at the door, each valid until `expires_at`.
CREATE TABLE event_checkins (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    platform   TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    user_id    INTEGER NOT NULL,
    checked_at INTEGER NOT NULL,
    late       INTEGER NOT NULL CHECK (late IN (0, 1)),
    method     TEXT NOT NULL CHECK (method IN ('button', 'code')),
    PRIMARY KEY (event_id, platform, user_id)
) WITHOUT ROWID;
CREATE INDEX event_checkins_by_member ON event_checkins (platform, user_id);

CREATE TABLE event_checkin_codes (
    id         INTEGER PRIMARY KEY,
    platform   TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    guild_id   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    issued_by  INTEGER NOT NULL,
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX event_checkin_codes_lookup ON event_checkin_codes (platform, guild_id, code, issued_at);

-- Members moved up from the waitlist (kept for attendance figures).
ALTER TABLE event_rsvps ADD COLUMN promoted INTEGER NOT NULL DEFAULT 0;

-- Where an announcement is in its check-in window: NULL (before), 'open' (Check in shown), 'started'
-- ("starting now" posted), 'closed' (after the end). Each move is claimed before its effect.
ALTER TABLE events ADD COLUMN window_phase TEXT
    CHECK (window_phase IS NULL OR window_phase IN ('open', 'started', 'closed'));
CREATE INDEX events_window_due ON events (starts_at)
    WHERE status = 'scheduled' AND message_id IS NOT NULL AND window_phase IS NOT 'closed';
-- Events over before this upgrade have nothing left to show or post.
UPDATE events SET window_phase = 'closed' WHERE starts_at + duration_min * 60 <= CAST(strftime('%s', 'now') AS INTEGER);

-- The one line per (event, reminder offset, start) saying how many members could not be reminded
-- because their DMs are closed: claimed here before it is posted.
CREATE TABLE event_dm_notes (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    offset_min INTEGER NOT NULL,
    starts_at  INTEGER NOT NULL,
    closed     INTEGER NOT NULL,
    posted_at  INTEGER NOT NULL,
    PRIMARY KEY (event_id, offset_min, starts_at)
) WITHOUT ROWID;
