-- Resource search: every typed word is looked up as a prefix (and so are its other spellings), and
-- without a prefix index FTS5 answers a prefix by reading and merging the doclist of every term that
-- starts with it, for each search. The index is rebuilt with prefix indexes for prefixes of 2 to 8
-- characters (the words members type), which halves the slowest searches on a large library at the
-- cost of a larger index. Same columns, tokenizer, ranking and rows; the triggers of 0003 that take
-- unpublished and deleted resources out are put back unchanged.

DROP TRIGGER resources_fts_unpublish;
DROP TRIGGER resources_fts_delete;

CREATE VIRTUAL TABLE resources_fts_new USING fts5 (
    title, description, tags, scope,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6 7 8'
);
INSERT INTO resources_fts_new (resources_fts_new, rank) VALUES ('rank', 'bm25(4.0, 1.0, 2.0, 0.0)');
INSERT INTO resources_fts_new (rowid, title, description, tags, scope)
    SELECT rowid, title, description, tags, scope FROM resources_fts;
INSERT INTO resources_fts_new (resources_fts_new) VALUES ('optimize');
DROP TABLE resources_fts;
ALTER TABLE resources_fts_new RENAME TO resources_fts;

CREATE TRIGGER resources_fts_unpublish AFTER UPDATE OF status ON resources
    WHEN old.status = 'published' AND new.status <> 'published'
BEGIN
    DELETE FROM resources_fts WHERE rowid = old.id;
END;

CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources
BEGIN
    DELETE FROM resources_fts WHERE rowid = old.id;
END;
