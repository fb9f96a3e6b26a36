-- Issue 13: one Urdu normaliser (bot/domain/urdu_text.py) for search and duplicate reports.
-- Rows indexed before it are folded here the way the normaliser now folds new ones, so they still
-- match: in the resource index teh marbuta (ة ۃ) and heh with hamza (ۂ) become ہ and Urdu and
-- Arabic-Indic digits Western ones; in reported texts also the Arabic-keyboard letters, do-chashmi ھ
-- (compared as ہ) and tatweel. (Compounds joined by the normaliser, خوش خبری -> خوشخبری, are left as
-- they were in old reported texts: the near-identical comparison tolerates that difference.)

UPDATE resources_fts SET
    title = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title, 'ة', 'ہ'), 'ۃ', 'ہ'), 'ۂ', 'ہ'), '۰', '0'), '۱', '1'), '۲', '2'), '۳', '3'), '۴', '4'), '۵', '5'), '۶', '6'), '۷', '7'), '۸', '8'), '۹', '9'), '٠', '0'), '١', '1'), '٢', '2'), '٣', '3'), '٤', '4'), '٥', '5'), '٦', '6'), '٧', '7'), '٨', '8'), '٩', '9'),
    description = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(description, 'ة', 'ہ'), 'ۃ', 'ہ'), 'ۂ', 'ہ'), '۰', '0'), '۱', '1'), '۲', '2'), '۳', '3'), '۴', '4'), '۵', '5'), '۶', '6'), '۷', '7'), '۸', '8'), '۹', '9'), '٠', '0'), '١', '1'), '٢', '2'), '٣', '3'), '٤', '4'), '٥', '5'), '٦', '6'), '٧', '7'), '٨', '8'), '٩', '9'),
    tags = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(tags, 'ة', 'ہ'), 'ۃ', 'ہ'), 'ۂ', 'ہ'), '۰', '0'), '۱', '1'), '۲', '2'), '۳', '3'), '۴', '4'), '۵', '5'), '۶', '6'), '۷', '7'), '۸', '8'), '۹', '9'), '٠', '0'), '١', '1'), '٢', '2'), '٣', '3'), '٤', '4'), '٥', '5'), '٦', '6'), '٧', '7'), '٨', '8'), '٩', '9');

-- The contentless prefilter index: take the old text out, fold it, put it back, recount the terms.
INSERT INTO report_text_fts (report_text_fts, rowid, body)
    SELECT 'delete', id, norm_text FROM report_intake WHERE norm_text IS NOT NULL;
-- Evidence stays unchangeable: only the comparison key is refolded, with the guard lifted for this
-- statement and put back as 0004 defined it.
DROP TRIGGER report_intake_no_update;
UPDATE report_intake SET norm_text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(norm_text, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'), 'ه', 'ہ'), 'ة', 'ہ'), 'ۃ', 'ہ'), 'ۂ', 'ہ'), 'ھ', 'ہ'), 'ـ', ''), '۰', '0'), '۱', '1'), '۲', '2'), '۳', '3'), '۴', '4'), '۵', '5'), '۶', '6'), '۷', '7'), '۸', '8'), '۹', '9'), '٠', '0'), '١', '1'), '٢', '2'), '٣', '3'), '٤', '4'), '٥', '5'), '٦', '6'), '٧', '7'), '٨', '8'), '٩', '9') WHERE norm_text IS NOT NULL;
UPDATE report_intake SET norm_len = length(norm_text) WHERE norm_text IS NOT NULL;
CREATE TRIGGER report_intake_no_update BEFORE UPDATE ON report_intake
BEGIN
    SELECT RAISE(ABORT, 'report evidence is never changed');
END;
INSERT INTO report_text_fts (rowid, body)
    SELECT id, norm_text FROM report_intake WHERE norm_text IS NOT NULL;
CREATE VIRTUAL TABLE temp.report_text_vocab USING fts5vocab (main, report_text_fts, row);
DELETE FROM report_terms;
INSERT INTO report_terms (term, docs) SELECT term, doc FROM temp.report_text_vocab;
DROP TABLE temp.report_text_vocab;
