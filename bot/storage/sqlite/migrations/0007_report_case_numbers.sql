-- Case numbers are per community, and a community is (platform, id) since 0005: R-0001 of a Telegram
-- group must not collide with R-0001 of a Discord server that happens to have the same id. SQLite
-- cannot change a UNIQUE constraint in place, so report_cases is rebuilt with every row, column,
-- index and trigger it had. Rows referring to cases keep their ids; their foreign keys are checked
-- at COMMIT (the table is briefly absent while it is swapped). The triggers are created after the
-- rows are back, so copying them writes no audit rows.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE report_cases_new (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    number          INTEGER NOT NULL,                  -- per-guild: R-0001, R-0002, ...
    category        TEXT NOT NULL CHECK (category IN ('misinformation', 'hate_speech',
                        'bullying_harassment', 'violent_extremism', 'child_safety',
                        'scam_impersonation', 'other')),
    urgent          INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaging', 'escalated',
                        'resolved', 'dismissed')),
    created_at      INTEGER NOT NULL,
    last_report_at  INTEGER NOT NULL,
    report_count    INTEGER NOT NULL DEFAULT 1 CHECK (report_count >= 1),
    reporter_count  INTEGER NOT NULL DEFAULT 1 CHECK (reporter_count >= 1),
    -- Who made the latest status change and why: read by the audit trigger below, so a status can
    -- not change without its audit row.
    status_actor    INTEGER,
    status_reason   TEXT,
    status_at       INTEGER,
    claimed_by      INTEGER,
    claimed_at      INTEGER,
    closed_by       INTEGER,
    closed_at       INTEGER,
    outcome         TEXT CHECK (outcome IN ('actioned', 'no_violation', 'duplicate')),
    resolution_note TEXT,
    dismiss_reason  TEXT,
    card_channel_id INTEGER,
    card_message_id INTEGER,
    sla_hours       INTEGER NOT NULL CHECK (sla_hours BETWEEN 1 AND 720),
    sla_due_at      INTEGER,                           -- next SLA check; NULL once claimed or closed
    sla_notices     INTEGER NOT NULL DEFAULT 0,        -- last SLA window a notice was sent for
    sla_raised_at   INTEGER,
    platform        TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    UNIQUE (platform, guild_id, number)
);

-- The rows wait in a plain copy while the table is swapped, and go back into the new table after the
-- rename: inserting them there is what satisfies the references dropping the old table left open.
CREATE TEMP TABLE report_cases_copy AS SELECT * FROM report_cases;
DROP TABLE report_cases;
ALTER TABLE report_cases_new RENAME TO report_cases;
INSERT INTO report_cases (id, platform, guild_id, number, category, urgent, status, created_at, last_report_at, report_count, reporter_count, status_actor, status_reason, status_at, claimed_by, claimed_at, closed_by, closed_at, outcome, resolution_note, dismiss_reason, card_channel_id, card_message_id, sla_hours, sla_due_at, sla_notices, sla_raised_at)
SELECT id, platform, guild_id, number, category, urgent, status, created_at, last_report_at, report_count, reporter_count, status_actor, status_reason, status_at, claimed_by, claimed_at, closed_by, closed_at, outcome, resolution_note, dismiss_reason, card_channel_id, card_message_id, sla_hours, sla_due_at, sla_notices, sla_raised_at FROM temp.report_cases_copy;
DROP TABLE temp.report_cases_copy;

CREATE INDEX report_cases_queue ON report_cases (guild_id, status, created_at);
CREATE INDEX report_cases_created ON report_cases (guild_id, created_at);
CREATE INDEX report_cases_sla ON report_cases (sla_due_at) WHERE sla_due_at IS NOT NULL;

CREATE TRIGGER report_cases_no_delete BEFORE DELETE ON report_cases
BEGIN
    SELECT RAISE(ABORT, 'report cases are never deleted');
END;

CREATE TRIGGER report_cases_identity BEFORE UPDATE OF guild_id, number, category, urgent, created_at
    ON report_cases
    WHEN NEW.guild_id IS NOT OLD.guild_id OR NEW.number IS NOT OLD.number
      OR NEW.category IS NOT OLD.category OR NEW.urgent < OLD.urgent
      OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'a case keeps its guild, number, category, urgency and opening time');
END;

CREATE TRIGGER report_cases_transition BEFORE UPDATE OF status ON report_cases
    WHEN NEW.status IS NOT OLD.status AND NOT (
        (OLD.status = 'new' AND NEW.status = 'triaging')
     OR (OLD.status = 'triaging' AND NEW.status IN ('escalated', 'resolved', 'dismissed'))
     OR (OLD.status = 'escalated' AND NEW.status IN ('resolved', 'dismissed')))
BEGIN
    SELECT RAISE(ABORT, 'invalid report status transition');
END;

CREATE TRIGGER report_cases_status_audit AFTER UPDATE OF status ON report_cases
    WHEN NEW.status IS NOT OLD.status
BEGIN
    INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status, reason, at)
    VALUES (NEW.id, NEW.guild_id, NEW.status_actor, 'status', OLD.status, NEW.status,
            NEW.status_reason, COALESCE(NEW.status_at, CAST(strftime('%s', 'now') AS INTEGER)));
END;

CREATE TRIGGER report_cases_open_audit AFTER INSERT ON report_cases
BEGIN
    INSERT INTO report_audit (case_id, guild_id, actor_id, action, from_status, to_status, reason, at)
    VALUES (NEW.id, NEW.guild_id, NULL, 'open', NULL, NEW.status, NULL, NEW.created_at);
END;
