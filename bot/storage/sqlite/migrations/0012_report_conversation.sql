-- The anonymous conversation on a report case (questions to reporters, their answers, internal
-- notes), the actions taken from the card (delete, time out, warn) and the thread under the case
-- card that shows them to moderators. Append-only, like the audit log: this is the case's history.
CREATE TABLE report_conversation (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES report_cases (id),
    guild_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('question', 'answer', 'note', 'action')),
    action      TEXT CHECK (action IN ('delete', 'timeout', 'warn')),  -- kind 'action': which one
    platform    TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    author_id   INTEGER NOT NULL,          -- a moderator, or the reporter of an answer (never shown)
    reporter_no INTEGER,                   -- answers: "Reporter N", stable per case
    late        INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),  -- answered after the case closed
    body        TEXT NOT NULL,                                          -- actions: the reason
    at          INTEGER NOT NULL
);
CREATE INDEX report_conversation_case ON report_conversation (case_id, id);
CREATE INDEX report_conversation_questions ON report_conversation (case_id, at) WHERE kind = 'question';

CREATE TRIGGER report_conversation_no_update BEFORE UPDATE ON report_conversation
BEGIN
    SELECT RAISE(ABORT, 'report_conversation is append-only');
END;

CREATE TRIGGER report_conversation_no_delete BEFORE DELETE ON report_conversation
BEGIN
    SELECT RAISE(ABORT, 'report_conversation is append-only');
END;

-- The thread opened under a case's card for its conversation.
CREATE TABLE report_threads (
    case_id   INTEGER PRIMARY KEY REFERENCES report_cases (id),
    thread_id INTEGER NOT NULL
);

-- Reporters' lookups: the cases a member reported (their `/my reports` and their DMs).
CREATE INDEX IF NOT EXISTS report_intake_reporter ON report_intake (reporter_platform, reporter_id, case_id);

-- Saved replies moderators reuse when asking reporters, resolving, dismissing or warning.
CREATE TABLE report_snippets (
    platform   TEXT NOT NULL DEFAULT 'discord' CHECK (platform IN ('discord', 'telegram')),
    guild_id   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (platform, guild_id, name)
) WITHOUT ROWID;
