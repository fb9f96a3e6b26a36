-- A series announcement is claimed under a lease, as reminders are: the claiming process and an
-- expiry (unix seconds, wall clock). A claim this process did not make belongs to a process that
-- stopped before recording the post (SQLite has one process at a time), so the next start takes it
-- over and posts with the same nonce; the platform answers a retry with the first message.
ALTER TABLE events ADD COLUMN announce_lease_owner TEXT;
ALTER TABLE events ADD COLUMN announce_lease_until INTEGER;
