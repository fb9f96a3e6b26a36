-- Events that repeat. A series keeps its rule and the template it was created from; each of its
-- dates is an ordinary row of `events` (own RSVPs, waitlist, reminders) with `series_id` set.
-- Occurrences are announced `announce_ahead_days` before they start: `announce_at` is when, and
-- `announce_state` is claimed before the post so an occurrence is never announced twice.
CREATE TABLE event_series (
    id                  INTEGER PRIMARY KEY,
    platform            TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    guild_id            INTEGER NOT NULL,
    organiser_id        INTEGER NOT NULL,
    rule                TEXT NOT NULL
                        CHECK (rule IN ('weekly', 'fortnightly', 'monthly_weekday', 'monthly_date')),
    first_start         INTEGER NOT NULL,
    timezone            TEXT NOT NULL,
    occurrences         INTEGER NOT NULL CHECK (occurrences >= 1),
    announce_ahead_days INTEGER NOT NULL CHECK (announce_ahead_days >= 0),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    location            TEXT NOT NULL DEFAULT '',
    duration_min        INTEGER NOT NULL,
    created_at          INTEGER NOT NULL
);

ALTER TABLE events ADD COLUMN series_id INTEGER REFERENCES event_series (id) ON DELETE CASCADE;
ALTER TABLE events ADD COLUMN original_start INTEGER;  -- the rule's date (RECURRENCE-ID in .ics)
ALTER TABLE events ADD COLUMN announce_at INTEGER;
ALTER TABLE events ADD COLUMN announce_state TEXT
    CHECK (announce_state IS NULL OR announce_state IN ('pending', 'claimed', 'posted', 'failed'));
CREATE INDEX events_series ON events (series_id, starts_at) WHERE series_id IS NOT NULL;
CREATE INDEX events_announce_due ON events (announce_at) WHERE announce_state = 'pending';
