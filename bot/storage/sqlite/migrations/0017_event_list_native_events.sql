-- /event list reads only listed events (plain ones, and occurrences once announced) of a community,
-- soonest first: this index holds exactly those, with what the "not yet ended" test needs, so the
-- list and its page count never visit the tens of thousands of occurrences still to be announced.
CREATE INDEX events_listed ON events (platform, guild_id, starts_at, duration_min)
    WHERE status = 'scheduled' AND (announce_state IS NULL OR announce_state = 'posted');

-- The native Discord scheduled event that mirrors an announcement (Discord's Events list), if the
-- bot could create one (it needs Manage Events).
ALTER TABLE events ADD COLUMN native_event_id INTEGER;
