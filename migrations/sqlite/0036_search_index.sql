-- Text search by index (issue 20): the activity list's `q` matches the folded title
-- (fold_for_search) as a substring, `title_folded LIKE '%q%'`. A trigram full-text index over the
-- same folded text finds the rows holding a substring of 3 characters or more without reading
-- every row (storage/text_search.cpp builds the clause; shorter terms keep the LIKE scan).
-- External content: the index stores no second copy of the titles; the triggers keep it in step
-- with every write (form, edit, delete, import's INSERT … SELECT, cascades).
-- case_sensitive 1: the folded text and the folded query are both lower case, and an exact
-- trigram match is then exactly a substring match.
CREATE VIRTUAL TABLE activities_search USING fts5(
  title_folded, content='activities', content_rowid='id', tokenize='trigram case_sensitive 1');
INSERT INTO activities_search(activities_search) VALUES ('rebuild');
CREATE TRIGGER activities_search_insert AFTER INSERT ON activities BEGIN
  INSERT INTO activities_search(rowid, title_folded) VALUES (new.id, new.title_folded);
END;
CREATE TRIGGER activities_search_delete AFTER DELETE ON activities BEGIN
  INSERT INTO activities_search(activities_search, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
END;
CREATE TRIGGER activities_search_update AFTER UPDATE OF title_folded ON activities
WHEN old.title_folded IS NOT new.title_folded BEGIN
  INSERT INTO activities_search(activities_search, rowid, title_folded) VALUES ('delete', old.id, old.title_folded);
  INSERT INTO activities_search(rowid, title_folded) VALUES (new.id, new.title_folded);
END;
