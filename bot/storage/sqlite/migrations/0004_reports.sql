-- Reports: cases, the reports that opened or joined them, escalations, the audit log, outcome notices.
-- Times are unix seconds (UTC). Snowflakes are INTEGER.

-- One row per case. Reporter identities are NOT here: they live only in report_intake.
CREATE TABLE report_cases (
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
    UNIQUE (guild_id, number)
);
CREATE INDEX report_cases_queue ON report_cases (guild_id, status, created_at);
CREATE INDEX report_cases_created ON report_cases (guild_id, created_at);
CREATE INDEX report_cases_sla ON report_cases (sla_due_at) WHERE sla_due_at IS NOT NULL;

-- One row per report (the first opens the case, later ones join it). The evidence snapshot is taken
-- at intake and never changes: the table is append-only.
CREATE TABLE report_intake (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES report_cases (id),
    guild_id     INTEGER NOT NULL,
    reporter_id  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('message', 'link', 'text')),
    category     TEXT NOT NULL,
    message_id   INTEGER,
    channel_id   INTEGER,
    link_key     TEXT,
    text_hash    TEXT,
    norm_text    TEXT,
    norm_len     INTEGER NOT NULL DEFAULT 0,
    details      TEXT,
    evidence     TEXT NOT NULL                          -- JSON (bot.domain.reports.Evidence)
);
CREATE INDEX report_intake_case ON report_intake (case_id, reporter_id);
CREATE INDEX report_intake_message ON report_intake (guild_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX report_intake_link ON report_intake (guild_id, link_key) WHERE link_key IS NOT NULL;
CREATE INDEX report_intake_text ON report_intake (guild_id, text_hash) WHERE text_hash IS NOT NULL;
CREATE INDEX report_intake_rate ON report_intake (guild_id, reporter_id, created_at);

-- Near-identical text prefilter: contentless FTS5 over the normalised text of matchable reports
-- (rowid = report_intake.id; the guild is checked on report_intake when joining).
CREATE VIRTUAL TABLE report_text_fts USING fts5 (body, content = '',
    tokenize = 'unicode61 remove_diacritics 2');
-- How many reported texts hold each term, so a query asks the index only for a text's rarest terms
-- (an indexed lookup, where fts5vocab would read each term's whole document list).
CREATE TABLE report_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;

-- At most one escalation per case; the platform's outcome is recorded later.
CREATE TABLE report_escalations (
    case_id      INTEGER PRIMARY KEY REFERENCES report_cases (id),
    guild_id     INTEGER NOT NULL,
    platform     TEXT NOT NULL CHECK (platform IN ('facebook', 'instagram', 'tiktok', 'x', 'youtube',
                     'whatsapp', 'telegram', 'other')),
    external_ref TEXT,
    escalated_by INTEGER NOT NULL,
    escalated_at INTEGER NOT NULL,
    outcome      TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('removed', 'restricted',
                     'no_action', 'pending')),
    outcome_by   INTEGER,
    outcome_at   INTEGER
);

-- The audit log: status changes (written by trigger), reveals of reporter identities and platform
-- outcomes. Nobody can edit or delete it.
CREATE TABLE report_audit (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES report_cases (id),
    guild_id    INTEGER NOT NULL,
    actor_id    INTEGER,                                -- NULL: the bot itself (intake)
    action      TEXT NOT NULL CHECK (action IN ('open', 'status', 'reveal', 'platform_outcome')),
    from_status TEXT,
    to_status   TEXT,
    reason      TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX report_audit_case ON report_audit (case_id, id);

-- Outcome DMs to reporters, queued in the same transaction that closes the case and claimed before
-- sending, so a restart neither loses nor repeats them.
CREATE TABLE report_notices (
    case_id     INTEGER NOT NULL REFERENCES report_cases (id),
    reporter_id INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER,
    delivered   INTEGER CHECK (delivered IN (0, 1)),
    PRIMARY KEY (case_id, reporter_id)
);
CREATE INDEX report_notices_pending ON report_notices (case_id) WHERE sent_at IS NULL;

CREATE TRIGGER report_audit_no_update BEFORE UPDATE ON report_audit
BEGIN
    SELECT RAISE(ABORT, 'report_audit is append-only');
END;

CREATE TRIGGER report_audit_no_delete BEFORE DELETE ON report_audit
BEGIN
    SELECT RAISE(ABORT, 'report_audit is append-only');
END;

CREATE TRIGGER report_intake_no_update BEFORE UPDATE ON report_intake
BEGIN
    SELECT RAISE(ABORT, 'report evidence is never changed');
END;

CREATE TRIGGER report_intake_no_delete BEFORE DELETE ON report_intake
BEGIN
    SELECT RAISE(ABORT, 'report evidence is never changed');
END;

CREATE TRIGGER report_cases_no_delete BEFORE DELETE ON report_cases
BEGIN
    SELECT RAISE(ABORT, 'report cases are never deleted');
END;

-- A case may become urgent (an urgent report joined it) but never stops being urgent.
CREATE TRIGGER report_cases_identity BEFORE UPDATE OF guild_id, number, category, urgent, created_at
    ON report_cases
    WHEN NEW.guild_id IS NOT OLD.guild_id OR NEW.number IS NOT OLD.number
      OR NEW.category IS NOT OLD.category OR NEW.urgent < OLD.urgent
      OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'a case keeps its guild, number, category, urgency and opening time');
END;

-- new -> triaging -> escalated -> resolved | dismissed (triaging may also close directly).
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
