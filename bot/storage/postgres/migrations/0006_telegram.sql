-- SQLite migration 0008 in PostgreSQL's terms: the Telegram front end's storage and communities
-- linked across platforms.
--
-- Who can be reached by private message (a bot may write only to members who started it), organisers
-- an admin named in a group, the guided forms in progress (they survive a restart and expire), and
-- one-time codes that link a moderators' group (or another platform's community). A code is used up
-- by one conditional UPDATE (`... WHERE used_at IS NULL ... RETURNING`): of two processes using it
-- at once, the second finds the row already used once the first commits.

CREATE TABLE telegram_members (
    user_id    BIGINT PRIMARY KEY,
    reachable  BOOLEAN,  -- NULL: never tried, never started
    last_group BIGINT,   -- the group they last acted in: where a report sent privately belongs
    updated_at BIGINT NOT NULL
);

-- A community's moderators' group (a private group whose members are its moderators).
CREATE TABLE telegram_moderator_groups (
    moderators_group_id BIGINT PRIMARY KEY,
    community_id        BIGINT NOT NULL UNIQUE,
    linked_at           BIGINT NOT NULL
);

CREATE TABLE telegram_organisers (
    group_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    added_by BIGINT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE forms (
    platform   TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    chat_id    BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL,    -- JSON, as written (kept as text so a copy is value for value)
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, user_id)
);

CREATE TABLE link_codes (
    code         TEXT PRIMARY KEY,
    purpose      TEXT NOT NULL,
    platform     TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    community_id BIGINT NOT NULL,
    created_by   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);

-- One community on several platforms: a community (a Telegram group) that joined another (a Discord
-- server) with a one-time code. Its events, RSVPs, reports and library are the home community's.
CREATE TABLE community_links (
    platform      TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    community_id  BIGINT NOT NULL,
    home_platform TEXT NOT NULL CHECK (home_platform IN ('discord', 'telegram')),
    home_id       BIGINT NOT NULL,
    linked_at     BIGINT NOT NULL,
    PRIMARY KEY (platform, community_id)
);
CREATE INDEX community_links_home ON community_links (home_platform, home_id);

-- Messages posted for one thing in places beyond its first (an event announced on Discord and in a
-- linked Telegram group): kept in step on every edit.
CREATE TABLE posts (
    kind       TEXT NOT NULL,     -- 'event', 'resource', 'case'
    entity_id  BIGINT NOT NULL,
    platform   TEXT NOT NULL CHECK (platform IN ('discord', 'telegram')),
    place_id   BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (kind, entity_id, platform, place_id)
);
