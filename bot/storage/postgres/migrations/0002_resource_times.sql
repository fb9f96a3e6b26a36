-- The resource library's times become unix seconds (BIGINT), as SQLite's 0006 made them: every
-- other table already keeps its times so, and a copy between the drivers stays value for value.
-- (SQLite's 0006 also put the platform into the resources indexes; 0001 here already had it, and
-- SQLite's 0007, case numbers unique per (platform, guild_id, number), is 0001's constraint too.)
-- An ISO text that does not parse cannot exist here (0001 wrote them from Python), so the cast is
-- direct; a NULL stays NULL.

ALTER TABLE resources
    ALTER COLUMN created_at TYPE BIGINT USING extract(epoch FROM created_at::timestamptz)::bigint,
    ALTER COLUMN decided_at TYPE BIGINT USING extract(epoch FROM decided_at::timestamptz)::bigint,
    ALTER COLUMN removed_at TYPE BIGINT USING extract(epoch FROM removed_at::timestamptz)::bigint;

ALTER TABLE resource_votes
    ALTER COLUMN voted_at TYPE BIGINT USING extract(epoch FROM voted_at::timestamptz)::bigint;

-- Search: SQLite's index stems English (porter) and folds Latin accents (unicode61
-- remove_diacritics 2); here each searchable column is indexed twice, stemmed by the `english`
-- configuration and as written by `simple` (so Urdu, stop words and exact forms are found too),
-- after `unaccent` (wrapped in an immutable function, as a generated column requires). Queries
-- look each term up in both forms (bot/storage/postgres/resources.py).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE FUNCTION baithak_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$;
CREATE FUNCTION baithak_tsvector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT to_tsvector('english'::regconfig, baithak_fold($1))
                 || to_tsvector('simple'::regconfig, baithak_fold($1)) $$;
CREATE FUNCTION baithak_tsquery(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT plainto_tsquery('english'::regconfig, baithak_fold($1))
                 || plainto_tsquery('simple'::regconfig, baithak_fold($1)) $$;

DROP INDEX resources_search;
ALTER TABLE resources DROP COLUMN search;
ALTER TABLE resources ADD COLUMN search tsvector GENERATED ALWAYS AS (
    CASE WHEN status = 'published' THEN
        setweight(baithak_tsvector(search_title), 'A')
        || setweight(baithak_tsvector(search_tags), 'B')
        || setweight(baithak_tsvector(search_description), 'C')
    END) STORED;
CREATE INDEX resources_search ON resources USING gin (search) WHERE search IS NOT NULL;
