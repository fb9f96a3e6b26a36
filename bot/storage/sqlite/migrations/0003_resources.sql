-- The resource library: shared links, their tags and upvotes, and a full-text index.
--
-- A resource is 'pending' (waiting for a moderator when resource_approval is on), 'published',
-- 'rejected' or 'removed'. Only pending and published rows are "in the library": the partial unique
-- index makes a second copy of the same link impossible even under concurrent shares.
CREATE TABLE resources (
    id                INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL,
    url               TEXT    NOT NULL,               -- normalised form shown to users
    url_key           TEXT    NOT NULL,               -- identity for duplicates (bot.domain.urls.url_key)
    title             TEXT    NOT NULL,
    description       TEXT    NOT NULL DEFAULT '',
    tags              TEXT    NOT NULL DEFAULT '',    -- normalised tags, comma-separated, for display
    author_id         INTEGER NOT NULL,
    status            TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'removed')),
    upvotes           INTEGER NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
    created_at        TEXT    NOT NULL,               -- UTC ISO-8601
    decided_at        TEXT,                           -- approval or rejection
    decided_by        INTEGER,
    decision_reason   TEXT,
    removed_at        TEXT,
    removed_by        INTEGER,
    post_channel_id   INTEGER,                        -- the embed in the resources channel
    post_message_id   INTEGER,
    review_channel_id INTEGER,                        -- the card in the moderation channel
    review_message_id INTEGER
);

CREATE UNIQUE INDEX resources_live_url ON resources (guild_id, url_key)
    WHERE status IN ('pending', 'published');
-- /resource top: the guild's published resources by upvotes.
CREATE INDEX resources_top ON resources (guild_id, status, upvotes DESC, id);

CREATE TABLE resource_tags (
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    tag         TEXT    NOT NULL,
    PRIMARY KEY (resource_id, tag)
) WITHOUT ROWID;
CREATE INDEX resource_tags_by_tag ON resource_tags (tag, resource_id);

-- One vote per member per resource; resources.upvotes is kept equal to the row count in the same
-- transaction as each vote, so /resource top can use an index.
CREATE TABLE resource_votes (
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    voted_at    TEXT    NOT NULL,
    PRIMARY KEY (resource_id, user_id)
) WITHOUT ROWID;

-- Full-text index of published resources only (rowid = resources.id), holding the search form of the
-- text (bot.domain.resource_search.search_text: NFKC, Arabic-script diacritics and letter variants
-- folded), because unicode61 treats Urdu diacritics (zer, zabar, ...) as separators and would split
-- words at them. Porter stems English words and passes Urdu tokens through unchanged.
-- `scope` holds one token naming the guild (`g<guild_id>`), so a search intersects with the guild's
-- rows inside the index instead of ranking every guild's matches and filtering afterwards; it has
-- weight 0 in the ranking, and user terms are restricted to the other three columns.
-- Rows are added by the storage layer in the same transaction that publishes a resource; the
-- triggers below take a row out whenever its resource stops being published or is deleted, so no
-- code path can leave a removed or rejected resource findable.
CREATE VIRTUAL TABLE resources_fts USING fts5 (
    title, description, tags, scope,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- `ORDER BY rank` then means bm25 with a title match worth most, then tags, then description.
INSERT INTO resources_fts (resources_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 2.0, 0.0)');

CREATE TRIGGER resources_fts_unpublish AFTER UPDATE OF status ON resources
    WHEN old.status = 'published' AND new.status <> 'published'
BEGIN
    DELETE FROM resources_fts WHERE rowid = old.id;
END;

CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources
BEGIN
    DELETE FROM resources_fts WHERE rowid = old.id;
END;
