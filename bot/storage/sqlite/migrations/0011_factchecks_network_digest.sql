-- Fact-checks (published from misinformation cases), the network of communities that share them, and
-- the weekly digest. Times are unix seconds (UTC).

-- Settings: the weekly digest's slot in the community's zone (NULL day: off) and whether partner
-- fact-checks answer this community's reports.
ALTER TABLE guild_settings ADD COLUMN digest_day INTEGER CHECK (digest_day IS NULL OR digest_day BETWEEN 0 AND 6);
ALTER TABLE guild_settings ADD COLUMN digest_minute INTEGER CHECK (digest_minute IS NULL OR digest_minute BETWEEN 0 AND 1439);
ALTER TABLE guild_settings ADD COLUMN network_verdicts INTEGER NOT NULL DEFAULT 0 CHECK (network_verdicts IN (0, 1));

-- One row per fact-check: F-1, F-2, ... per community. Never deleted; a withdrawal is a status.
CREATE TABLE factchecks (
    id             INTEGER PRIMARY KEY,
    platform       TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    guild_id       INTEGER NOT NULL,
    number         INTEGER NOT NULL,
    case_id        INTEGER NOT NULL REFERENCES report_cases (id),
    verdict        TEXT NOT NULL CHECK (verdict IN ('false', 'misleading', 'missing_context', 'true',
                       'unverified')),
    claim          TEXT NOT NULL DEFAULT '',          -- what was checked, as reported (no reporter)
    summary        TEXT NOT NULL,
    sources        TEXT NOT NULL DEFAULT '',          -- normalised links, one per line
    language       TEXT NOT NULL CHECK (language IN ('en', 'ur')),
    status         TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
    published_by   INTEGER NOT NULL,
    published_at   INTEGER NOT NULL,
    withdrawn_by   INTEGER,
    withdrawn_at   INTEGER,
    withdraw_reason TEXT,
    post_channel_id INTEGER,
    post_message_id INTEGER,
    UNIQUE (platform, guild_id, number),
    UNIQUE (case_id)
);
CREATE INDEX factchecks_list ON factchecks (platform, guild_id, status, published_at);

CREATE TRIGGER factchecks_no_delete BEFORE DELETE ON factchecks
BEGIN
    SELECT RAISE(ABORT, 'fact-checks are withdrawn, never deleted');
END;

-- Never silently edited: the verdict and summary change only through a correction row.
CREATE TRIGGER factchecks_fixed_text BEFORE UPDATE OF summary, claim, sources, case_id, number
    ON factchecks
    WHEN NEW.summary IS NOT OLD.summary OR NEW.claim IS NOT OLD.claim
      OR NEW.sources IS NOT OLD.sources OR NEW.case_id IS NOT OLD.case_id
      OR NEW.number IS NOT OLD.number
BEGIN
    SELECT RAISE(ABORT, 'a fact-check is corrected, never edited');
END;

-- Corrections, visible on the fact-check, append-only (the history).
CREATE TABLE factcheck_corrections (
    id           INTEGER PRIMARY KEY,
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id),
    note         TEXT NOT NULL,
    old_verdict  TEXT NOT NULL,
    new_verdict  TEXT NOT NULL,
    by_id        INTEGER NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX factcheck_corrections_fc ON factcheck_corrections (factcheck_id, id);

CREATE TRIGGER factcheck_corrections_no_update BEFORE UPDATE ON factcheck_corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only');
END;
CREATE TRIGGER factcheck_corrections_no_delete BEFORE DELETE ON factcheck_corrections
BEGIN
    SELECT RAISE(ABORT, 'corrections are append-only');
END;

-- What a fact-check answers: the keys of every report of its case (message, link key, text hash and
-- normalised text). A later report with the same key, or near-identical text, is answered at once.
CREATE TABLE factcheck_claims (
    id           INTEGER PRIMARY KEY,
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id),
    message_key  TEXT,                                -- 'platform:channel:message'
    link_key     TEXT,
    text_hash    TEXT,
    norm_text    TEXT,
    norm_len     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX factcheck_claims_fc ON factcheck_claims (factcheck_id);
CREATE INDEX factcheck_claims_message ON factcheck_claims (message_key) WHERE message_key IS NOT NULL;
CREATE INDEX factcheck_claims_link ON factcheck_claims (link_key) WHERE link_key IS NOT NULL;
CREATE INDEX factcheck_claims_hash ON factcheck_claims (text_hash) WHERE text_hash IS NOT NULL;

CREATE VIRTUAL TABLE factcheck_claim_fts USING fts5 (body, content = '',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE factcheck_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;

-- Search over the fact-checks themselves (claim, summary, verdict words), Urdu and English.
CREATE VIRTUAL TABLE factcheck_fts USING fts5 (claim, summary, content = '',
    tokenize = 'unicode61 remove_diacritics 2');

-- Cases a fact-check answered at intake, and whether moderators closed them that way.
CREATE TABLE factcheck_matches (
    case_id      INTEGER PRIMARY KEY REFERENCES report_cases (id),
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id),
    matched_at   INTEGER NOT NULL,
    answered_by  INTEGER,
    answered_at  INTEGER
);
CREATE INDEX factcheck_matches_fc ON factcheck_matches (factcheck_id);

-- DMs owed about a fact-check (publish, each correction, withdrawal), claimed before sending.
CREATE TABLE factcheck_notices (
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id),
    revision     TEXT NOT NULL,                       -- 'publish', 'correction:<id>', 'withdraw'
    platform     TEXT NOT NULL,
    member_id    INTEGER NOT NULL,
    sent_at      INTEGER NOT NULL,
    delivered    INTEGER CHECK (delivered IN (0, 1)),
    PRIMARY KEY (factcheck_id, revision, platform, member_id)
) WITHOUT ROWID;

-- Posts of shared fact-checks in partner communities, claimed before posting.
CREATE TABLE factcheck_shares (
    factcheck_id INTEGER NOT NULL REFERENCES factchecks (id),
    platform     TEXT NOT NULL,
    guild_id     INTEGER NOT NULL,
    posted_at    INTEGER NOT NULL,
    channel_id   INTEGER,
    message_id   INTEGER,
    PRIMARY KEY (factcheck_id, platform, guild_id)
) WITHOUT ROWID;

-- Networks of communities on this deployment.
CREATE TABLE networks (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL
);

CREATE TABLE network_members (
    network_id        INTEGER NOT NULL REFERENCES networks (id),
    platform          TEXT NOT NULL,
    guild_id          INTEGER NOT NULL,
    joined_at         INTEGER NOT NULL,
    share_factchecks  INTEGER NOT NULL DEFAULT 1 CHECK (share_factchecks IN (0, 1)),
    share_resources   INTEGER NOT NULL DEFAULT 1 CHECK (share_resources IN (0, 1)),
    PRIMARY KEY (platform, guild_id)                  -- one network at a time; leaving deletes the row
) WITHOUT ROWID;
CREATE INDEX network_members_network ON network_members (network_id);

-- One-time invite codes (stored hashed), valid until used or expired.
CREATE TABLE network_invites (
    code_hash   TEXT PRIMARY KEY,
    network_id  INTEGER NOT NULL REFERENCES networks (id),
    platform    TEXT NOT NULL,
    guild_id    INTEGER NOT NULL,
    created_by  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    used_by_platform TEXT,
    used_by_guild INTEGER
) WITHOUT ROWID;

-- Every invite, join, share change and leave: append-only.
CREATE TABLE network_audit (
    id          INTEGER PRIMARY KEY,
    network_id  INTEGER NOT NULL,
    platform    TEXT NOT NULL,
    guild_id    INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('invite', 'join', 'share', 'leave')),
    detail      TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
CREATE INDEX network_audit_network ON network_audit (network_id, id);
CREATE TRIGGER network_audit_no_update BEFORE UPDATE ON network_audit
BEGIN
    SELECT RAISE(ABORT, 'network_audit is append-only');
END;
CREATE TRIGGER network_audit_no_delete BEFORE DELETE ON network_audit
BEGIN
    SELECT RAISE(ABORT, 'network_audit is append-only');
END;

-- The weekly digest: one row per community and week, claimed before sending.
CREATE TABLE digest_runs (
    platform   TEXT NOT NULL,
    guild_id   INTEGER NOT NULL,
    week       TEXT NOT NULL,                         -- ISO week of the slot, e.g. '2026-W11'
    due_at     INTEGER NOT NULL,
    claimed_at INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('sent', 'late', 'skipped')),
    PRIMARY KEY (platform, guild_id, week)
) WITHOUT ROWID;
