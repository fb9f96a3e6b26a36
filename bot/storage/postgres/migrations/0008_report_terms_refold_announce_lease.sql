-- Three things, each of which the SQLite side already has or gets in its 0013/0016.
--
-- 1. Reported texts and the resource index refolded by the one Urdu normaliser (as SQLite's 0013):
-- rows written before it (bot/domain/urdu_text.py) are folded the way it now folds new ones, so
-- they still match. In the resource index teh marbuta (ة ۃ) and heh with hamza (ۂ) become ہ and
-- Urdu and Arabic-Indic digits Western ones; in reported texts also the Arabic-keyboard letters,
-- do-chashmi ھ (compared as ہ) and tatweel, and a refolded text gets the exact-match hash of its new
-- form (bot.domain.report_duplicates.text_hash). Rows written since are unchanged by this (the fold
-- of folded text is itself).
UPDATE resources SET
    search_title = translate(search_title, 'ةۃۂ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'ہہہ01234567890123456789'),
    search_tags = translate(search_tags, 'ةۃۂ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'ہہہ01234567890123456789'),
    search_description = translate(search_description, 'ةۃۂ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'ہہہ01234567890123456789')
WHERE search_title || search_tags || search_description ~ '[ةۃۂ۰-۹٠-٩]';

-- Evidence stays unchangeable: only the comparison key (and its hash) is refolded, with the guard
-- lifted for this statement inside this migration's transaction.
ALTER TABLE report_intake DISABLE TRIGGER report_intake_no_change;
UPDATE report_intake SET
    norm_text = refolded,
    norm_len = length(refolded),
    text_hash = left(encode(sha256(convert_to(refolded, 'UTF8')), 'hex'), 32)
FROM (SELECT id AS rid,
             translate(norm_text, 'يىكهةۃۂھ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ـ', 'ییکہہہہہ01234567890123456789') AS refolded
      FROM report_intake WHERE norm_text ~ '[يىكهةۃۂھ۰-۹٠-٩ـ]') AS r
WHERE id = r.rid;
ALTER TABLE report_intake ENABLE TRIGGER report_intake_no_change;

-- 2. The near-identical prefilter by rarest terms, as SQLite's (bot/storage/postgres/reports.py):
-- how many of a community's reported texts hold each term, kept in the intake's transaction, and a
-- GIN index on the texts' words, so a report asks for the few texts holding its rarest terms. The
-- trigram similarity query it replaces had to score most texts of a large community (every
-- trigram of a common vocabulary is common), and held the community's intake lock while it did.
CREATE TABLE report_terms (
    guild_id BIGINT NOT NULL,
    term     TEXT NOT NULL,
    docs     INTEGER NOT NULL CHECK (docs >= 0),
    PRIMARY KEY (guild_id, term)
);
INSERT INTO report_terms (guild_id, term, docs)
    SELECT guild_id, term, count(*)
    FROM (SELECT DISTINCT i.id, i.guild_id, w.term
          FROM report_intake i, unnest(string_to_array(i.norm_text, ' ')) AS w (term)
          WHERE i.norm_text IS NOT NULL AND w.term <> '') AS d
    GROUP BY guild_id, term;
CREATE INDEX report_intake_terms ON report_intake USING gin (string_to_array(norm_text, ' '))
    WHERE norm_text IS NOT NULL;
DROP INDEX report_intake_trgm;

-- 3. A series announcement is claimed under a lease, like a reminder: a claim whose process died
-- before posting expires and is taken over (the post carries a nonce, so a retry is not a second
-- message).
ALTER TABLE events ADD COLUMN announce_lease_owner TEXT, ADD COLUMN announce_lease_until BIGINT;
CREATE INDEX events_announce_claimed ON events (announce_lease_until) WHERE announce_state = 'claimed';
-- The newest intake of a community (the near-identical lookup runs before the community's intake
-- lock, and under it looks again only at what was reported since).
CREATE INDEX report_intake_guild_id ON report_intake (guild_id, id);
