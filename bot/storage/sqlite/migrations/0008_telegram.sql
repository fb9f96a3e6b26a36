-- Telegram: who can be reached by private message (a bot may write only to members who started it),
-- organisers an admin named in a group, the guided forms in progress (they survive a restart and
-- expire), and one-time codes that link a moderators' group (or another platform's community).

CREATE TABLE telegram_members (
    user_id    INTEGER PRIMARY KEY,
    reachable  INTEGER CHECK (reachable IN (0, 1)),  -- NULL: never tried, never started
    last_group INTEGER,  -- the group they last acted in: where a report sent privately belongs
    updated_at INTEGER NOT NULL
);

-- A community's moderators' group (a private group whose members are its moderators).
CREATE TABLE telegram_moderator_groups (
    moderators_group_id INTEGER PRIMARY KEY,
    community_id        INTEGER NOT NULL UNIQUE,
    linked_at           INTEGER NOT NULL
);

CREATE TABLE telegram_organisers (
    group_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    added_by INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;

CREATE TABLE forms (
    platform   TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    chat_id    INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (platform, chat_id, user_id)
) WITHOUT ROWID;

CREATE TABLE link_codes (
    code         TEXT PRIMARY KEY,
    purpose      TEXT NOT NULL,
    platform     TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    community_id INTEGER NOT NULL,
    created_by   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
);

-- One community on several platforms: a community (a Telegram group) that joined another (a Discord
-- server) with a one-time code. Its events, RSVPs, reports and library are the home community's.
CREATE TABLE community_links (
    platform      TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    community_id  INTEGER NOT NULL,
    home_platform TEXT NOT NULL CHECK (home_platform IN ('discord', 'telegram')),
    home_id       INTEGER NOT NULL,
    linked_at     INTEGER NOT NULL,
    PRIMARY KEY (platform, community_id)
) WITHOUT ROWID;
CREATE INDEX community_links_home ON community_links (home_platform, home_id);

-- Messages posted for one thing in places beyond its first (an event announced on Discord and in a
-- linked Telegram group): kept in step on every edit.
CREATE TABLE posts (
    kind       TEXT NOT NULL,     -- 'event', 'resource', 'case'
    entity_id  INTEGER NOT NULL,
    platform   TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    place_id   INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (kind, entity_id, platform, place_id)
) WITHOUT ROWID;
