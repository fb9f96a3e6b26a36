-- Events, RSVPs and reminders. Snowflakes are INTEGER; times are unix seconds (UTC) with the
-- event's IANA zone kept beside them.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    guild_id         INTEGER NOT NULL,
    channel_id       INTEGER NOT NULL,
    message_id       INTEGER,
    organiser_id     INTEGER NOT NULL,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description      TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    starts_at        INTEGER NOT NULL,
    duration_min     INTEGER NOT NULL CHECK (duration_min >= 1),
    timezone         TEXT NOT NULL,
    capacity         INTEGER CHECK (capacity IS NULL OR capacity >= 1),
    reminder_offsets TEXT NOT NULL DEFAULT '',   -- minutes before start, e.g. '1440,60'
    status           TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    cancel_reason    TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    rsvp_seq         INTEGER NOT NULL DEFAULT 0,  -- last click-order number handed out
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX events_guild_upcoming ON events (guild_id, status, starts_at);

-- One status per member per event; `seq` is the click order (the waitlist is served by it).
CREATE TABLE event_rsvps (
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('going', 'maybe', 'declined', 'waitlist')),
    seq          INTEGER NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
CREATE INDEX event_rsvps_by_status ON event_rsvps (event_id, status, seq);
CREATE INDEX event_rsvps_by_user ON event_rsvps (user_id, status);

-- One row per member per offset per planned start. A row is claimed (status 'claimed') in the
-- database before its DM is sent, so a reminder is sent at most once even across crashes; the
-- outcome is then recorded ('sent', 'late', 'skipped', 'dm_closed', 'failed').
CREATE TABLE event_reminders (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    offset_min INTEGER NOT NULL,
    starts_at  INTEGER NOT NULL,
    due_at     INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'claimed', 'sent', 'late', 'skipped', 'dm_closed', 'failed')),
    done_at    INTEGER,
    UNIQUE (event_id, user_id, offset_min, starts_at)
);
-- Start-up groups pending rows by (event, offset): one scheduler job per due instant, not per row.
CREATE INDEX event_reminders_pending ON event_reminders (event_id, offset_min, due_at)
    WHERE status = 'pending';
